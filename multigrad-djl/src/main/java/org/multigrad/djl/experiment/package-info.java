/**
 * Training experiments as library services, the multi-task counterpart of
 * {@link org.multigrad.experiment}: {@link org.multigrad.djl.experiment.TrainingRun} trains one
 * {@link org.multigrad.djl.experiment.TrainingRequest} and returns a
 * {@link org.multigrad.djl.experiment.TrainingResult};
 * {@link org.multigrad.djl.experiment.BenchStudy} runs methods × seeds plus the single-task
 * baselines of a {@link org.multigrad.djl.experiment.BenchRequest} and returns a
 * {@link org.multigrad.djl.experiment.BenchResult}. Their files follow the shared conventions of
 * {@link org.multigrad.experiment.RunOutput}: metrics.csv in the trajectory schema, summary.json in
 * the summary schema, tasks numbered from 1.
 */
package org.multigrad.djl.experiment;
