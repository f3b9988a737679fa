/**
 * The {@code multigrad} command line (picocli): {@code list}, {@code demo}, {@code aggregate},
 * {@code solve}, {@code amoo}, {@code blackbox}, {@code train} and {@code bench}, entered through
 * {@link org.multigrad.cli.MultiGradCli}. A command parses its options with the shared mixins (methods,
 * seeds, parameters, output directory, quiet, plots), calls one experiment service of the core or of
 * multigrad-djl and renders its typed result as a table, files and XChart plots; bad input ends in a
 * one-sentence error and exit status 2. The command runs from the shaded class-path jar; the module
 * descriptor opens this package to picocli, which sets the annotated option fields by reflection.
 */
package org.multigrad.cli;
