/**
 * Names to methods: {@link org.multigrad.registry.MethodRegistry} maps every kebab-case name
 * ({@code mgda}, {@code cagrad}, {@code cr-mogm(mgda)}, ...) to its declaration and builds instances
 * from string parameters; it imports the methods, which never import it.
 */
package org.multigrad.registry;
