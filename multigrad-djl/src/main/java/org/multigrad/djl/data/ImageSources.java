package org.multigrad.djl.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the single-image sources live and how they are split. MNIST comes from a directory of the
 * standard files ({@code train-images-idx3-ubyte[.gz]} and the other three) or from the 10,000-digit
 * set shipped with this project ({@code images-idx3-ubyte.gz}, split first 8,000 / last 2,000);
 * Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}.
 */
public final class ImageSources {
    public static final Path DEBIAN_FASHION_DIR = Paths.get("/usr/share/datasets/fashion-mnist");
    /** The MNIST subset shipped in the repository, relative to the repository root. */
    public static final String SHIPPED_MNIST = "data/mnist-10k";
    /** System property naming the repository root (set by the {@code multigrad} launcher). */
    public static final String HOME_PROPERTY = "multigrad.home";
    public static final int NPM_TRAIN = 8000;

    /** One split of a single-task source: images and their 10-class labels. */
    public record Split(IdxReader.Images images, byte[] labels) {
        public int size() {
            return images.count();
        }
    }

    /** Train and test splits of one source. */
    public record Source(String name, Split train, Split test) {
    }

    private ImageSources() {
    }

    /** Fashion-MNIST from {@code dir}, or from the Debian location when dir is null. */
    public static Source fashion(Path dir) {
        Path base = dir != null ? dir : DEBIAN_FASHION_DIR;
        if (!Files.isDirectory(base)) {
            throw new IllegalArgumentException("Fashion-MNIST not found in " + base + ". Install it with"
                    + " `sudo apt-get install -y dataset-fashion-mnist` (Debian/Ubuntu; files go to " + DEBIAN_FASHION_DIR
                    + "), or pass --fashion-dir DIR with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],"
                    + " t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]");
        }
        return standard("fashion-mnist", base);
    }

    public static boolean fashionAvailable() {
        return Files.isRegularFile(DEBIAN_FASHION_DIR.resolve("train-images-idx3-ubyte.gz"));
    }

    /**
     * MNIST from {@code dir} (standard layout or the 10k subset), or from the subset shipped in the
     * repository ({@link #shippedMnist()}) when dir is null.
     */
    public static Source mnist(Path dir) {
        Path base = dir != null ? dir : shippedMnist();
        if (base == null || !Files.isDirectory(base)) {
            throw new IllegalArgumentException("MNIST not found" + (dir != null ? " in " + dir : " (looked for " + SHIPPED_MNIST
                    + " under -D" + HOME_PROPERTY + ", the working directory and their parents)")
                    + ". Pass --mnist-dir DIR with the standard files"
                    + " train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
                    + " t10k-labels-idx1-ubyte[.gz] (http://yann.lecun.com/exdb/mnist/ or any mirror), or a directory with"
                    + " images-idx3-ubyte.gz and labels-idx1-ubyte.gz (split " + NPM_TRAIN + " train / rest test)");
        }
        Path npmImages = resolve(base, "images-idx3-ubyte");
        if (npmImages != null && resolve(base, "train-images-idx3-ubyte") == null) {
            IdxReader.Images images = IdxReader.readImages(npmImages);
            byte[] labels = IdxReader.readLabels(require(base, "labels-idx1-ubyte"), 10);
            if (labels.length != images.count()) {
                throw new IllegalArgumentException(base + ": " + images.count() + " images but " + labels.length + " labels");
            }
            int train = Math.min(NPM_TRAIN, images.count() * 4 / 5);
            return new Source("mnist", slice(images, labels, 0, train), slice(images, labels, train, images.count()));
        }
        return standard("mnist", base);
    }

    private static Source standard(String name, Path base) {
        return new Source(name, split(base, "train"), split(base, "t10k"));
    }

    private static Split split(Path base, String prefix) {
        IdxReader.Images images = IdxReader.readImages(require(base, prefix + "-images-idx3-ubyte"));
        byte[] labels = IdxReader.readLabels(require(base, prefix + "-labels-idx1-ubyte"), 10);
        if (labels.length != images.count()) {
            throw new IllegalArgumentException(base + ": " + prefix + " has " + images.count() + " images but " + labels.length
                    + " labels");
        }
        return new Split(images, labels);
    }

    private static Split slice(IdxReader.Images images, byte[] labels, int from, int to) {
        int per = images.pixelsPerImage();
        IdxReader.Images part = new IdxReader.Images(to - from, images.rows(), images.columns(),
                Arrays.copyOfRange(images.pixels(), from * per, to * per));
        return new Split(part, Arrays.copyOfRange(labels, from, to));
    }

    private static Path require(Path base, String stem) {
        Path found = resolve(base, stem);
        if (found == null) {
            throw new IllegalArgumentException(base + ": missing " + stem + " (or " + stem + ".gz)");
        }
        return found;
    }

    private static Path resolve(Path base, String stem) {
        for (String candidate : new String[] {stem + ".gz", stem}) {
            Path file = base.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /**
     * The repository's {@value #SHIPPED_MNIST}: under the {@value #HOME_PROPERTY} directory, the
     * working directory, the directory this class was loaded from, or one of their ancestors (so the
     * launcher, the tests of any module and a jar inside the checkout all find it); null if none has it.
     */
    public static Path shippedMnist() {
        List<Path> starts = new ArrayList<>();
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            starts.add(Paths.get(home));
        }
        starts.add(Paths.get(""));
        try {
            starts.add(Paths.get(ImageSources.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (custom class loader): the other starting points still apply
        }
        for (Path start : starts) {
            Path found = findUpwards(start.toAbsolutePath(), SHIPPED_MNIST);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code relative} under {@code start} or one of its ancestors, or null. */
    static Path findUpwards(Path start, String relative) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
