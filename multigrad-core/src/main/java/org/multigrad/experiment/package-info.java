/**
 * Experiments as library services on top of the core: a typed request, validated in one place, a
 * service that runs it and returns a typed result ({@link org.multigrad.experiment.SolveExperiment}
 * for descent on a test problem, {@link org.multigrad.experiment.BlackBoxStudy} for the black-box
 * methods on the thesis's problems), and one writer of their files,
 * {@link org.multigrad.experiment.RunOutput}. Front ends
 * parse options into a request, call the service and render the result.
 */
package org.multigrad.experiment;
