package org.multigrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/** Writes a chart as a PNG file. XChart 4.0.3 deprecates its saveBitmap overloads: render, then let ImageIO encode. */
final class PngFiles {
    private PngFiles() {
    }

    static void write(IChart chart, Path file) throws IOException {
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM's ImageIO");
        }
    }
}
