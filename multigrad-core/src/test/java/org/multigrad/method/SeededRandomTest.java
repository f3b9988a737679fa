package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The seeded generator reproduces SplittableRandom's sequences, so seeds keep their meaning. */
class SeededRandomTest {

    @Test
    void matchesSplittableRandomDrawForDraw() {
        for (long seed : new long[] {0, 1, 7, -42, Long.MAX_VALUE}) {
            SplittableRandom reference = new SplittableRandom(seed);
            SeededRandom random = new SeededRandom(seed);
            for (int k = 0; k < 2000; k++) {
                int bound = 1 + k % 13 + (k % 7 == 0 ? 1_500_000_000 : 0);
                if (k % 3 == 0) {
                    assertEquals(reference.nextDouble(), random.nextDouble(), "seed " + seed + ", draw " + k);
                } else if (k % 3 == 1) {
                    assertEquals(reference.nextBoolean(), random.nextBoolean(), "seed " + seed + ", draw " + k);
                } else {
                    assertEquals(reference.nextInt(bound), random.nextInt(bound), "seed " + seed + ", draw " + k);
                }
            }
        }
    }
}
