/**
 * The image datasets of the multi-task experiments: MNIST and Fashion-MNIST read from LeCun's IDX
 * files ({@link org.multigrad.djl.data.IdxReader}), and the two-task MultiMNIST-style sets built from
 * them (Sabour et al. 2017; Sener and Koltun, NeurIPS 2018): two items on a 36 x 36 canvas, one label
 * per task ({@link org.multigrad.djl.data.MultiImageDatasets}). Images stay unsigned bytes
 * ({@link org.multigrad.djl.data.MultiTaskImages}) and are normalised when a batch is built.
 */
package org.multigrad.djl.data;
