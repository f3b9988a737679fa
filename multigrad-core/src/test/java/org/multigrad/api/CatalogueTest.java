package org.multigrad.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CatalogueTest {
    private final Catalogue<Integer> catalogue = Catalogue.<Integer>builder("problem")
            .add("zdt1", "ZDT1", 1)
            .add("cagrad-toy", "the CAGrad toy", 2)
            .build();

    @Test
    void keepsOrderAndSummaries() {
        assertEquals(List.of("zdt1", "cagrad-toy"), catalogue.names());
        assertEquals(List.of(1, 2), catalogue.values());
        assertEquals(2, catalogue.get(" cagrad-toy "));
        assertEquals("ZDT1", catalogue.summary("zdt1"));
        assertTrue(catalogue.find("zdt2").isEmpty());
    }

    @Test
    void unknownNameNamesTheClosestAndAllKnown() {
        assertEquals("unknown problem 'zdt2' (did you mean 'zdt1'?); known problems: zdt1, cagrad-toy",
                assertThrows(IllegalArgumentException.class, () -> catalogue.get("zdt2")).getMessage());
        assertEquals("unknown problem 'something-else'; known problems: zdt1, cagrad-toy",
                assertThrows(IllegalArgumentException.class, () -> catalogue.get("something-else")).getMessage());
    }

    @Test
    void rejectsDuplicateAndNonKebabNames() {
        assertEquals("two methods are named a", assertThrows(IllegalStateException.class,
                () -> Catalogue.<Integer>builder("method").add("a", "", 1).add("a", "", 2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Catalogue.<Integer>builder("method").add("CaGrad", "", 1)).getMessage().contains("not kebab-case"));
    }
}
