package dev.proofofcompute.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoragesTest {
  @Test
  void opensAnInMemorySqliteDatabaseMigrated() {
    try (Storage s = Storages.open("jdbc:sqlite::memory:")) {
      assertThat(s.backend()).isEqualTo(Storage.Backend.SQLITE);
      assertThat(s.transaction((Tx tx) -> tx.jobs().countByStatus().values())).containsOnly(0L);
    }
  }

  @Test
  void rejectsUnknownUrlsWithTheFormsItAccepts() {
    for (String bad : new String[] {"mysql://x/y", "sqlite:", "postgresql://", "postgresql://h"}) {
      assertThatThrownBy(() -> Storages.open(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sqlite:PATH");
    }
  }

  @Test
  void aMissingDirectoryIsAClearError() {
    assertThatThrownBy(() -> Storages.open("sqlite:/nonexistent-dir-poc/x.db"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void anUnreachableServerIsAClearErrorWithoutThePassword() {
    assertThatThrownBy(() -> Storages.open("postgresql://127.0.0.1:1/db?user=u&password=secret"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot connect to PostgreSQL")
        .hasMessageNotContaining("secret");
  }

  @Test
  void redactsPasswords() {
    assertThat(Storages.redact("postgresql://h/db?user=u&password=s3cret&x=1"))
        .isEqualTo("postgresql://h/db?user=u&password=***&x=1");
  }

  @Test
  void recordIdsAreDeterministicAndDistinct() {
    assertThat(RecordIds.executeTask("j", 0)).isEqualTo(RecordIds.executeTask("j", 0));
    assertThat(RecordIds.executeTask("j", 0)).isNotEqualTo(RecordIds.executeTask("j", 1));
    assertThat(RecordIds.executeTask("j", 1)).isNotEqualTo(RecordIds.validateTask("j", 1));
    assertThat(RecordIds.dispute("j", "a", "b")).isNotEqualTo(RecordIds.dispute("j", "b", "a"));
    assertThat(RecordIds.executeTask("j", 0)).matches("[0-9a-f]{64}");
    assertThatThrownBy(() -> RecordIds.executeTask("bad id", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordIds.executeTask("j", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
