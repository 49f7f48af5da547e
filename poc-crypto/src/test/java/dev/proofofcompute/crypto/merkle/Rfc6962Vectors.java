package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.util.List;

/**
 * The RFC 6962 reference tree used by Certificate Transparency and transparency-dev, copied as data
 * from transparency-dev/merkle {@code proof/verify_test.go} (commit 02194e9a, the same values as
 * certificate-transparency-go {@code merkletree/merkle_tree_test.go}). The Go file numbers leaves
 * from 1 in its proof vectors; here indices are 0-based.
 */
final class Rfc6962Vectors {
  private Rfc6962Vectors() {}

  static final List<Bytes> LEAVES =
      hexBytes(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** ROOTS.get(n) is the root of the first n leaves (n = 0 is SHA-256 of the empty string). */
  static final List<Digest> ROOTS =
      digests(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  record Inclusion(int index, int size, List<Digest> path) {}

  record Consistency(int oldSize, int newSize, List<Digest> path) {}

  static final List<Inclusion> INCLUSION =
      List.of(
          new Inclusion(0, 1, List.of()),
          new Inclusion(
              0,
              8,
              digests(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Inclusion(
              5,
              8,
              digests(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Inclusion(
              2, 3, digests("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new Inclusion(
              1,
              5,
              digests(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  static final List<Consistency> CONSISTENCY =
      List.of(
          new Consistency(1, 1, List.of()),
          new Consistency(
              1,
              8,
              digests(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Consistency(
              6,
              8,
              digests(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Consistency(
              2,
              5,
              digests(
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
          new Consistency(
              6,
              7,
              digests(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

  private static List<Bytes> hexBytes(String... hex) {
    return java.util.Arrays.stream(hex).map(Bytes::fromHex).toList();
  }

  private static List<Digest> digests(String... hex) {
    return java.util.Arrays.stream(hex).map(Digest::fromHex).toList();
  }
}
