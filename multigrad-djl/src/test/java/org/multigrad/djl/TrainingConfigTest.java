package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration check of a resumed run names the differing settings by their options, with readable values. */
class TrainingConfigTest {
    private static TrainingConfig config(String method, Map<String, String> params, int epochs, int batchSize, float lr) {
        return new TrainingConfig("multi-mnist", "lenet", method, params, JacobianMode.PARAMETERS, epochs, batchSize, "adam", lr,
                0, 0, 0);
    }

    @Test
    void differencesNameTheOptionsAndTheirValues() {
        TrainingConfig stored = config("cagrad", Map.of("c", "0.5", "rescale", "1"), 3, 256, 0.001f);
        assertNull(config("cagrad", Map.of("c", "0.5", "rescale", "1"), 10, 256, 0.001f).differences(stored.fingerprint()),
                "only the number of epochs may differ");
        assertEquals("--lr 0.001 there, 0.01 here",
                config("cagrad", Map.of("c", "0.5", "rescale", "1"), 3, 256, 0.01f).differences(stored.fingerprint()));
        assertEquals("--param {c=0.5, rescale=1} there, {c=0.7, rescale=1} here; --batch-size 256 there, 64 here",
                config("cagrad", Map.of("c", "0.7", "rescale", "1"), 3, 64, 0.001f).differences(stored.fingerprint()));
    }

    @Test
    void aCheckpointOfAnotherFormatOrConfigurationIsRefusedBeforeLoading(@TempDir Path dir) throws IOException {
        TrainingConfig config = config("mgda", Map.of(), 2, 32, 0.001f);
        Path file = dir.resolve("checkpoint.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(MultiTaskTraining.CHECKPOINT_MAGIC);
            out.writeInt(MultiTaskTraining.CHECKPOINT_VERSION + 1);
        }
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> MultiTaskTraining.requireSameConfiguration(file, config));
        assertEquals(file + ": checkpoint written in format v" + (MultiTaskTraining.CHECKPOINT_VERSION + 1) + " by another"
                + " MultiGrad version; this version resumes format v" + MultiTaskTraining.CHECKPOINT_VERSION + " only",
                format.getMessage());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(MultiTaskTraining.CHECKPOINT_MAGIC);
            out.writeInt(MultiTaskTraining.CHECKPOINT_VERSION);
            out.writeUTF(config("mgda", Map.of(), 2, 32, 0.003f).fingerprint());
        }
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> MultiTaskTraining.requireSameConfiguration(file, config));
        assertEquals(file + " was written by another configuration (--lr 0.003 there, 0.001 here): use the same options"
                + " (only --epochs may change) or another --out", other.getMessage());
    }
}
