package org.multigrad.djl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiImageDatasetsTest {
    @TempDir
    Path dir;

    /** n 28x28 images, image i filled with value v_i = 10 + i in every pixel; label i mod 10. */
    static ImageSources.Split flat(int n, int base) {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (base + i));
            labels[i] = (byte) (i % 10);
        }
        return new ImageSources.Split(new IdxReader.Images(n, 28, 28, pixels), labels);
    }

    @Test
    void composesTopLeftAndBottomRightWithMaxOverlay() {
        ImageSources.Split left = flat(5, 10);
        ImageSources.Split right = flat(7, 100);
        MultiTaskImages set = MultiImageDatasets.compose("t", left, right, 3, 0);
        assertEquals(5, set.size());
        int[] seenRight = new int[7];
        for (int i = 0; i < set.size(); i++) {
            int topLeft = set.pixels()[i * 784] & 0xff;
            // Canvas row/column 28 (output 22) lies inside the right item for every shift.
            int bottomRight = set.pixels()[i * 784 + 22 * 28 + 22] & 0xff;
            int centre = set.pixels()[i * 784 + 14 * 28 + 14] & 0xff;
            // Left shifts by 0..2 px: (0,0) is covered only without a shift, else it is background.
            assertTrue(topLeft == 10 + i || topLeft == 0, "image " + i + " top-left " + topLeft);
            int partner = bottomRight - 100;
            assertTrue(partner >= 0 && partner < 7, "bottom-right comes from the right source: " + bottomRight);
            assertEquals(Math.max(10 + i, 100 + partner), centre, "overlap is the max");
            assertEquals(i % 10, set.label(0, i));
            assertEquals(partner % 10, set.label(1, i));
            seenRight[partner]++;
        }
        assertTrue(Arrays.stream(seenRight).allMatch(c -> c <= 1), "partners come from a permutation");
    }

    @Test
    void deterministicForASeed() {
        ImageSources.Split left = flat(30, 1);
        ImageSources.Split right = flat(30, 120);
        MultiTaskImages a = MultiImageDatasets.compose("t", left, right, 42, 0);
        MultiTaskImages b = MultiImageDatasets.compose("t", left, right, 42, 0);
        MultiTaskImages c = MultiImageDatasets.compose("t", left, right, 43, 0);
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.labels(1), b.labels(1));
        assertFalse(Arrays.equals(a.pixels(), c.pixels()) && Arrays.equals(a.labels(1), c.labels(1)));
    }

    @Test
    void cacheRoundTripsAndDetectsCorruption() throws Exception {
        MultiTaskImages set = MultiImageDatasets.compose("t", flat(4, 1), flat(4, 50), 1, 0);
        Path file = dir.resolve("c.bin");
        MultiImageDatasets.write(file, set);
        MultiTaskImages back = MultiImageDatasets.read(file, "t");
        assertArrayEquals(set.pixels(), back.pixels());
        assertArrayEquals(set.labels(0), back.labels(0));
        assertArrayEquals(set.labels(1), back.labels(1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 1;
        Files.write(file, bytes);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiImageDatasets.read(file, "t")).getMessage()
                .contains("checksum"));
    }

    @Test
    void multiMnistFromTheShippedDigits() {
        assertNotNull(ImageSources.shippedMnist(), ImageSources.SHIPPED_MNIST + " is part of the repository");
        MultiImageDatasets.Splits first = MultiImageDatasets.load("multi-mnist", 1, null, null, dir);
        assertEquals(8000, first.train().size());
        assertEquals(2000, first.test().size());
        MultiImageDatasets.Splits cached = MultiImageDatasets.load("multi-mnist", 1, null, null, dir);
        assertArrayEquals(first.train().pixels(), cached.train().pixels());
        assertArrayEquals(first.test().labels(1), cached.test().labels(1));
        MultiImageDatasets.Splits rebuilt = MultiImageDatasets.load("multi-mnist", 1, null, null, null);
        assertArrayEquals(first.train().pixels(), rebuilt.train().pixels(), "cache equals a fresh build");
        int[] counts = new int[10];
        for (int i = 0; i < first.train().size(); i++) {
            counts[first.train().label(1, i)]++;
        }
        assertTrue(Arrays.stream(counts).allMatch(c -> c > 600), "right labels cover all digits: " + Arrays.toString(counts));
    }

    @Test
    void multiFashionFromDebianPackage() {
        assumeTrue(ImageSources.fashionAvailable(), "skipped: Fashion-MNIST is not installed in " + ImageSources.DEBIAN_FASHION_DIR
                + " (apt-get install -y dataset-fashion-mnist)");
        MultiImageDatasets.Splits splits = MultiImageDatasets.load("multi-fashion", 2, null, null, dir);
        assertEquals(60000, splits.train().size());
        assertEquals(10000, splits.test().size());
        MultiImageDatasets.Splits again = MultiImageDatasets.load("multi-fashion", 2, null, null, dir);
        assertArrayEquals(splits.test().pixels(), again.test().pixels());
    }

    @Test
    void multiFashionMnistPairsDigitsWithGarments() {
        assumeTrue(ImageSources.fashionAvailable(), "skipped: Fashion-MNIST is not installed in " + ImageSources.DEBIAN_FASHION_DIR
                + " (apt-get install -y dataset-fashion-mnist)");
        MultiImageDatasets.Splits splits = MultiImageDatasets.load("multi-fashion-mnist", 3, null, null, null);
        assertEquals(8000, splits.train().size(), "as many as the MNIST training split");
        assertEquals(2000, splits.test().size());
    }

    @Test
    void oneVsRestKeepsTheImagesAndAsksOneClassPerTask() {
        ImageSources.Split split = flat(25, 10);
        MultiTaskImages set = MultiImageDatasets.oneVsRest("ovr", split);
        assertEquals(10, set.tasks());
        assertEquals(25, set.size());
        assertArrayEquals(split.images().pixels(), set.pixels(), "the images are the garments themselves");
        for (int i = 0; i < 25; i++) {
            for (int task = 0; task < 10; task++) {
                assertEquals(task == i % 10 ? 1 : 0, set.label(task, i), "image " + i + ", task " + task);
            }
        }
        for (int task = 0; task < 10; task++) {
            assertEquals(2, set.classes(task));
        }
        assertEquals(10, MultiImageDatasets.tasks("fashion-ovr"));
        assertEquals(2, MultiImageDatasets.tasks("multi-mnist"));
        int[] covered = new int[10];
        for (int[] family : MultiImageDatasets.FASHION_FAMILIES) {
            for (int label : family) {
                covered[label]++;
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, covered, "the families partition the classes");
    }

    @Test
    void fashionOvrFromDebianPackage() {
        assumeTrue(ImageSources.fashionAvailable(), "skipped: Fashion-MNIST is not installed in " + ImageSources.DEBIAN_FASHION_DIR
                + " (apt-get install -y dataset-fashion-mnist)");
        MultiImageDatasets.Splits splits = MultiImageDatasets.load("fashion-ovr", 0, null, null, dir);
        assertEquals(60000, splits.train().size());
        assertEquals(10000, splits.test().size());
        int positives = 0;
        for (int i = 0; i < splits.test().size(); i++) {
            positives += splits.test().label(3, i);
        }
        assertEquals(1000, positives, "Fashion-MNIST's test split holds 1000 images of each class");
    }

    @Test
    void missingDataExplainsHowToGetIt() {
        String fashion = assertThrows(IllegalArgumentException.class,
                () -> ImageSources.fashion(dir.resolve("nowhere"))).getMessage();
        assertTrue(fashion.contains("apt-get install -y dataset-fashion-mnist"), fashion);
        String mnist = assertThrows(IllegalArgumentException.class, () -> ImageSources.mnist(dir.resolve("nowhere"))).getMessage();
        assertTrue(mnist.contains("--mnist-dir"), mnist);
        assertThrows(IllegalArgumentException.class, () -> MultiImageDatasets.load("cifar", 0, null, null, null));
    }
}
