/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One training step the way {@code EasyTrain.trainBatch} does it (forward, loss, backward, then the
 * listeners' {@code onTrainingBatch}, where quantised training completes its error passes), plus
 * the optimizer step, returning the batch's loss so that a loop needs no evaluator listener.
 */
public final class TrainSteps {

    private TrainSteps() {}

    /**
     * Trains on one batch: forward, backward, listeners, {@code trainer.step()}.
     *
     * @param trainer the trainer
     * @param batch the batch (not closed here)
     * @param lossScale the factor the trainer's loss multiplies by (1 without scaling)
     * @return the batch's mean loss, unscaled
     */
    public static float step(Trainer trainer, Batch batch, float lossScale) {
        NDList data = batch.getData();
        NDList labels = batch.getLabels();
        Map<ai.djl.Device, NDList> labelMap = new ConcurrentHashMap<>();
        Map<ai.djl.Device, NDList> predictionMap = new ConcurrentHashMap<>();
        float loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(data, labels);
            NDArray value = trainer.getLoss().evaluate(labels, predictions);
            collector.backward(value);
            loss = value.getFloat() / lossScale;
            labelMap.put(labels.head().getDevice(), labels);
            predictionMap.put(labels.head().getDevice(), predictions);
        }
        BatchData batchData = new BatchData(batch, labelMap, predictionMap);
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
        trainer.step();
        return loss;
    }
}
