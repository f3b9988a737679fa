package org.multigrad.registry;

import java.util.List;
import org.multigrad.api.Catalogue;
import org.multigrad.method.CrMogm;
import org.multigrad.method.Periodic;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.WrapperSpec;

/** The catalogue of weighting wrappers and the parser of {@code wrapper(inner)} names. */
public final class Wrappers {
    private static final Catalogue<WrapperSpec> WRAPPERS = Catalogue.<WrapperSpec>builder("wrapper")
            .add(CrMogm.SPEC.name(), CrMogm.SPEC.summary(), CrMogm.SPEC)
            .add(Periodic.SPEC.name(), Periodic.SPEC.summary(), Periodic.SPEC)
            .build();

    private Wrappers() {
    }

    public static List<WrapperSpec> all() {
        return WRAPPERS.values();
    }

    /** True for names of the form {@code wrapper(inner)}. */
    static boolean isComposite(String name) {
        return name != null && name.trim().endsWith(")") && name.indexOf('(') > 0;
    }

    /** Parses {@code wrapper(inner)}; inner may itself be composite, e.g. {@code periodic(cr-mogm(mgda))}. */
    static MethodSpec compose(String name) {
        String text = name.trim();
        int open = text.indexOf('(');
        String wrapperName = text.substring(0, open).trim();
        String innerName = text.substring(open + 1, text.length() - 1).trim();
        WrapperSpec wrapper = WRAPPERS.get(wrapperName);
        if (innerName.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' names no method inside the parentheses, e.g. "
                    + wrapperName + "(mgda)");
        }
        return wrapper.wrap(MethodRegistry.get(innerName));
    }
}
