package org.multigrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every serialisable class of org.multigrad on the class path (checkpoints hold methods in Java
 * serialisation) declares {@code private static final long serialVersionUID}: without it the JVM
 * derives one from the class's members, and any edit would make earlier checkpoints unreadable.
 * Records and enums are exempt (their serialisation ignores the value).
 */
class SerialVersionUidTest {
    @Test
    void everySerializableClassDeclaresItsSerialVersionUid() throws IOException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            if (path.getFileName() != null && path.getFileName().toString().equals("test-classes")) {
                continue;
            }
            names.addAll(classNames(path));
        }
        assertTrue(names.contains("org.multigrad.method.Mgda"), "the scan found no MultiGrad classes: " + names.size());
        List<String> missing = new ArrayList<>();
        int serializable = 0;
        for (String name : names) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!Serializable.class.isAssignableFrom(type) || type.isInterface() || type.isEnum() || type.isRecord()) {
                continue;
            }
            serializable++;
            if (!declaresSerialVersionUid(type)) {
                missing.add(name);
            }
        }
        assertTrue(serializable >= 30, "expected the methods to be found, got " + serializable + " serialisable classes");
        assertEquals(List.of(), missing, "serialisable classes without 'private static final long serialVersionUID'"
                + " (use the value `serialver` prints for the last released class, so its checkpoints still restore)");
    }

    private static boolean declaresSerialVersionUid(Class<?> type) {
        try {
            Field field = type.getDeclaredField("serialVersionUID");
            int modifiers = field.getModifiers();
            return field.getType() == long.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** The org.multigrad classes in a class-path entry (a directory or a jar). */
    private static List<String> classNames(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry.resolve("org/multigrad"))) {
            try (Stream<Path> files = Files.walk(entry.resolve("org/multigrad"))) {
                files.map(file -> entry.relativize(file).toString().replace(File.separatorChar, '/'))
                        .filter(SerialVersionUidTest::isClassFile).forEach(file -> names.add(className(file)));
            }
        } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                jar.stream().map(e -> e.getName()).filter(file -> file.startsWith("org/multigrad/"))
                        .filter(SerialVersionUidTest::isClassFile).forEach(file -> names.add(className(file)));
            }
        }
        return names;
    }

    private static boolean isClassFile(String file) {
        return file.endsWith(".class") && !file.endsWith("module-info.class") && !file.endsWith("package-info.class");
    }

    private static String className(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.');
    }
}
