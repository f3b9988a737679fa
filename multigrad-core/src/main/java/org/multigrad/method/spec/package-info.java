/**
 * How a method declares itself: its name, typed parameters with defaults and ranges
 * ({@link org.multigrad.method.spec.ParamSpec}), inputs, state, cost, reference and claimed
 * properties ({@link org.multigrad.method.spec.MethodSpec}, {@link org.multigrad.method.spec.WrapperSpec}).
 * The registry, {@code multigrad list}, docs/methods.md and the property tests read these declarations.
 */
package org.multigrad.method.spec;
