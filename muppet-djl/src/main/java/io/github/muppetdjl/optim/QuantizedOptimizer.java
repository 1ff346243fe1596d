/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.site.SiteContext;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Wraps any DJL {@link Optimizer} for quantised training: it keeps a master copy of each weight,
 * lets the inner optimizer update the master, and writes the quantised master into the live
 * parameter (QPyTorch's {@code OptimLP}; Micikevicius et al., "Mixed Precision Training", ICLR
 * 2018; FP16 masters with stochastic rounding: Mellempudi et al., 2019).
 *
 * <p>{@link #update(String, NDArray, NDArray)}, once per parameter and device per step:
 *
 * <ol>
 *   <li>if the step is skipped ({@link #beginStep(long, float, boolean)}), zero the gradient and
 *       return: not a bit of the weight, the master or the inner state changes;
 *   <li>unscale: {@code g = grad / lossScale}; the overflow check belongs here, but it needs all
 *       gradients at once, so the caller ran it before ({@link
 *       io.github.muppetdjl.scaling.GradientChecks}) on the scaled gradients, which are non-finite
 *       exactly when the unscaled ones are (for scales {@code >= 1}), and decided the skip;
 *   <li>quantise {@code g} to the {@link TensorRole#WEIGHT_GRADIENT} precision (on the CPU both
 *       steps change {@code grad} in place: it is the parameter server's copy for this one update,
 *       cleared afterwards; on other devices, where the updates of several devices share it, a copy
 *       is made);
 *   <li>the inner optimizer updates the master with {@code g}; the master is then re-rounded to the
 *       master precision (e.g. FP16 with stochastic rounding, simulated in FP32);
 *   <li>write the master, quantised to the {@link TensorRole#WEIGHT} precision, into the live
 *       weight ({@link io.github.muppetdjl.quant.quantizer.TensorQuantizer#quantizeInto});
 *   <li>zero the live weight's gradient (DJL's PyTorch optimizers zero the gradient of the array
 *       they update, which here is the master).
 * </ol>
 *
 * <p>Our choice: while gradient, master and weight precisions are all FP32 and the loss scale is 1,
 * the master is the weight itself, so the inner optimizer updates the live weight directly
 * (bit-identical to plain DJL training, no copy); a master is created from the weight when a
 * quantised precision first applies and dropped again after the first all-FP32 step, when weight
 * and master are equal. The master precision is the {@link TensorRole#MASTER_WEIGHT} precision of
 * the {@link ParameterPrecisions} when that is not FP32, else the builder's {@link
 * QuantizedOptimizerBuilder#optMasterPrecision(Precision)}.
 *
 * <p>Known limit: a gradient format that overflows to infinity (e.g. {@code fp8-e5m2} without
 * {@code -sat}, beyond 57344) can create an infinity after the check; prefer saturating gradient
 * formats when unscaled gradients may be that large.
 *
 * <p>The wrapper's own {@code OptimizerBuilder} settings (rescale, weight decay, clipping) must be
 * left at their defaults: set them on the inner optimizer.
 */
public final class QuantizedOptimizer extends Optimizer {

    /** The version written by {@link #saveState(DataOutputStream)}. */
    public static final byte STATE_VERSION = 1;

    private final Optimizer inner;
    private final Precision masterPrecision;
    private final MasterWeights masters = new MasterWeights();
    private final RoleStatistics stats = new RoleStatistics();
    private final MasterPath masterPath;
    private final Map<String, AtomicLong> updateCounts = new ConcurrentHashMap<>();
    private final AtomicLong skippedUpdates = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final Map<String, QuantStats> stateReported = new ConcurrentHashMap<>();
    private final SiteContext weightOwner;

    private volatile ParameterPrecisions precisions;
    private volatile UnaryOperator<String> naming = UnaryOperator.identity();
    private volatile StepContext context = new StepContext(-1, 1f, false);

    private record StepContext(long step, float lossScale, boolean skip) {}

    QuantizedOptimizer(QuantizedOptimizerBuilder builder) {
        super(builder);
        if (rescaleGrad != 1f || clipGrad >= 0f || getWeightDecay() != 0f) {
            throw new IllegalArgumentException(
                    "set rescaleGrad, clipGrad and weight decay on the inner optimizer, not on"
                            + " the QuantizedOptimizer");
        }
        this.inner = builder.inner;
        this.masterPrecision = builder.masterPrecision;
        this.masterPath = new MasterPath(inner, masters, builder.quantizer, stats, builder.seed);
        this.weightOwner = builder.weightOwner;
        setPrecisions(builder.precisions);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static QuantizedOptimizerBuilder builder() {
        return new QuantizedOptimizerBuilder();
    }

    /**
     * Returns the wrapped optimizer.
     *
     * @return the inner optimizer
     */
    public Optimizer getOptimizer() {
        return inner;
    }

    /**
     * Replaces the precisions (also those of a {@link QuantizedStateOptimizer} inner optimizer);
     * takes effect at the next update.
     *
     * @param newPrecisions the precisions
     */
    public void setPrecisions(ParameterPrecisions newPrecisions) {
        if (newPrecisions == null) {
            throw new IllegalArgumentException("precisions must not be null");
        }
        this.precisions = newPrecisions;
        if (inner instanceof QuantizedStateOptimizer q) {
            q.setPrecisions(newPrecisions);
        }
    }

    /**
     * Sets how parameter ids map to the stable names that key the master weights, the statistics,
     * the inner optimizer's state and the stochastic-rounding keys (default: the id itself). DJL
     * gives every {@code Parameter} a fresh id per process ({@code uid-<nanoTime>...}), so keys
     * derived from ids differ between runs; {@code QuantizedTraining} maps ids to the parameter
     * paths of the model ({@code block.getParameters()} keys), which makes a seed replay the same
     * rounding and lets a checkpoint's state fit a freshly built model. The function must be
     * idempotent (a name maps to itself).
     *
     * @param newNaming id to stable name
     */
    public void setParameterNaming(UnaryOperator<String> newNaming) {
        if (newNaming == null) {
            throw new IllegalArgumentException("naming must not be null");
        }
        this.naming = newNaming;
    }

    /**
     * Returns the current precisions.
     *
     * @return the precisions
     */
    public ParameterPrecisions getPrecisions() {
        return precisions;
    }

    /**
     * Announces the next step; call once per batch, after the backward pass and before {@code
     * trainer.step()}. Without calls the optimizer numbers steps per parameter itself, uses scale 1
     * and never skips.
     *
     * @param step the global step, part of the stochastic-rounding keys ({@code >= 0})
     * @param lossScale the scale the loss of this batch was multiplied by (positive, finite)
     * @param skip whether the step is skipped (gradients overflowed)
     */
    public void beginStep(long step, float lossScale, boolean skip) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (!(lossScale > 0) || !Float.isFinite(lossScale)) {
            throw new IllegalArgumentException(
                    "lossScale must be positive and finite, got " + lossScale);
        }
        context = new StepContext(step, lossScale, skip);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        // Precisions are resolved by the DJL id; everything keyed or seeded uses the stable name.
        calls.incrementAndGet();
        String name = naming.apply(parameterId);
        StepContext c = context;
        if (c.skip()) {
            skippedUpdates.incrementAndGet();
            ArrayOps.zeroGradient(weight);
            return;
        }
        long counted = updateCounts.computeIfAbsent(name, k -> new AtomicLong()).get();
        long step = c.step() >= 0 ? c.step() : counted;
        Precision gradientPrecision = precisions.of(parameterId, TensorRole.WEIGHT_GRADIENT);
        Precision weightPrecision = precisions.of(parameterId, TensorRole.WEIGHT);
        Precision master = masterPrecision(parameterId);
        boolean identity =
                gradientPrecision.isIdentity()
                        && weightPrecision.isIdentity()
                        && master.isIdentity()
                        && c.lossScale() == 1f;
        Device device = weight.getDevice();
        if (identity && masters.get(name, device) == null) {
            inner.update(name, weight, grad);
        } else {
            masterPath.update(
                    name,
                    weight,
                    grad,
                    c.lossScale(),
                    step,
                    gradientPrecision,
                    weightPrecision,
                    master);
            if (identity) {
                masters.remove(name, device);
            }
        }
        ArrayOps.zeroGradient(weight);
        updateCounts.get(name).incrementAndGet();
        // Every trained parameter is updated in this same trainer.step(), before the next forward.
        declareOwnership(true);
    }

    private void declareOwnership(boolean owned) {
        SiteContext owner = weightOwner;
        if (owner != null && owner.weightsOwnedByOptimizer() != owned) {
            owner.setWeightsOwnedByOptimizer(owned);
        }
    }

    private Precision masterPrecision(String parameterId) {
        Precision p = precisions.of(parameterId, TensorRole.MASTER_WEIGHT);
        return p.isIdentity() ? masterPrecision : p;
    }

    /**
     * Returns the statistics of one role of one parameter ({@link TensorRole#OPTIMIZER_STATE} is
     * kept by a {@link QuantizedStateOptimizer} inner optimizer and delegated to it).
     *
     * @param parameterId the parameter id
     * @param role the role
     * @return the live accumulator, created on first use
     */
    public StatsAccumulator stats(String parameterId, TensorRole role) {
        String name = naming.apply(parameterId);
        if (role == TensorRole.OPTIMIZER_STATE && inner instanceof QuantizedStateOptimizer q) {
            return q.stateStats(name);
        }
        return stats.get(name, role);
    }

    /**
     * Returns a snapshot of all statistics but the inner optimizer's, sorted by stable parameter
     * name (see {@link #setParameterNaming}).
     *
     * @param reset whether to reset the accumulators
     * @return parameter name to role to statistics
     */
    public Map<String, Map<TensorRole, QuantStats>> statsSnapshot(boolean reset) {
        return stats.snapshot(reset);
    }

    /**
     * Returns, per parameter name and role, the statistics counted since the previous call: the
     * weight, weight-gradient and master-weight quantisations of this wrapper and the {@link
     * TensorRole#OPTIMIZER_STATE} quantisations of a {@link QuantizedStateOptimizer} inner
     * optimizer. Only non-empty entries; independent of {@link #statsSnapshot(boolean)} and its
     * resets. The training listener turns overflows found here into the precision controller's
     * overflow events.
     *
     * @return parameter name to role to statistics, sorted by name
     */
    public synchronized Map<String, Map<TensorRole, QuantStats>> drainNewStatistics() {
        Map<String, Map<TensorRole, QuantStats>> out = stats.drainNew();
        if (inner instanceof QuantizedStateOptimizer q) {
            for (Map.Entry<String, QuantStats> e : q.stateStatsSnapshot().entrySet()) {
                QuantStats before = stateReported.getOrDefault(e.getKey(), QuantStats.EMPTY);
                QuantStats delta = RoleStatistics.minus(e.getValue(), before);
                stateReported.put(e.getKey(), e.getValue());
                if (delta.total() > 0) {
                    out.computeIfAbsent(e.getKey(), k -> new EnumMap<>(TensorRole.class))
                            .put(TensorRole.OPTIMIZER_STATE, delta);
                }
            }
        }
        return out;
    }

    /**
     * Returns how many times {@link #update} was called, skipped updates included: the training
     * listener checks that every step goes through this wrapper.
     *
     * @return the count
     */
    public long updateCalls() {
        return calls.get();
    }

    /**
     * Returns how many parameter updates were skipped.
     *
     * @return the count
     */
    public long skippedUpdates() {
        return skippedUpdates.get();
    }

    /**
     * Returns the master copy of a parameter on a device, or {@code null} while the weight itself
     * is the master. The array is owned by the optimizer: do not close it.
     *
     * @param parameterId the parameter id
     * @param device the device
     * @return the master or {@code null}
     */
    public NDArray masterWeight(String parameterId, Device device) {
        return masters.get(naming.apply(parameterId), device);
    }

    /**
     * Makes every trained parameter's live weight equal to its master quantised to the current
     * {@link TensorRole#WEIGHT} precision, so the next forward sees weights at the precisions in
     * force now. Call it whenever precisions change between updates: when training attaches to a
     * model (the initial or loaded weights were never quantised) and when the policy changes (the
     * last update wrote the weights at the old precision). This is what lets quantised layers use
     * their weights as they are ({@link
     * io.github.muppetdjl.site.SiteContext#weightsOwnedByOptimizer}).
     *
     * <p>For each initialised parameter that requires a gradient (the ones {@link #update} sees;
     * e.g. batch norm's running statistics are left alone), on the device of its array:
     *
     * <ul>
     *   <li>with weight, weight-gradient and master precisions all FP32: the master, if any, is
     *       copied into the weight bit for bit and dropped (the weight is the master again, as
     *       after an all-FP32 update);
     *   <li>otherwise a missing master is created from the weight, rounded to the master precision
     *       (stream {@code MASTER_CREATION} of {@code step}), and the weight becomes the master
     *       quantised to the weight precision (stream {@code WEIGHT} of {@code step}), or a copy of
     *       it when that is FP32.
     * </ul>
     *
     * <p>The result is the same as the scalar reference applied to the master with the same keys.
     * Gradients and the inner optimizer's state are not touched. With a weight owner ({@link
     * QuantizedOptimizerBuilder#optWeightOwner}), ownership is declared when every trained
     * parameter was initialised and withdrawn otherwise (a model attached before {@code
     * trainer.initialize}: its layers quantise their weights until the first update).
     *
     * @param parameters the model's parameters ({@code block.getParameters()})
     * @param step the step whose random streams are used (the step the next update will announce),
     *     at least 0
     */
    public void refreshWeights(ParameterList parameters, long step) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        boolean complete = true;
        for (Pair<String, Parameter> pair : parameters) {
            Parameter parameter = pair.getValue();
            if (!parameter.requiresGradient()) {
                continue;
            }
            if (!parameter.isInitialized()) {
                complete = false;
                continue;
            }
            String id = parameter.getId();
            masterPath.refresh(
                    naming.apply(id),
                    parameter.getArray(),
                    step,
                    precisions.of(id, TensorRole.WEIGHT_GRADIENT),
                    precisions.of(id, TensorRole.WEIGHT),
                    masterPrecision(id));
        }
        declareOwnership(complete);
    }

    /**
     * Copies every master weight into its live parameter (on the master's device), whatever the
     * current precisions. Superseded by {@link #refreshWeights(ParameterList, long)}: under the
     * all-FP32 policy where precision switching calls this, both write every master into its live
     * weight bit for bit; {@code refreshWeights} also drops the masters then, and at any other
     * precision writes the quantised master, which is what the next forward must see.
     *
     * @param parameters the model's parameters ({@code block.getParameters()})
     */
    public void syncMasterToModel(ParameterList parameters) {
        for (Pair<String, Parameter> pair : parameters) {
            Parameter parameter = pair.getValue();
            if (!parameter.isInitialized()) {
                continue;
            }
            NDArray live = parameter.getArray();
            NDArray master = masters.get(naming.apply(parameter.getId()), live.getDevice());
            if (master != null) {
                ArrayOps.copyInto(master, live);
            }
        }
    }

    /**
     * Writes the optimizer's state: version byte, master weights (first device of each), and the
     * inner state when the inner optimizer is a {@link QuantizedStateOptimizer} (DJL's own
     * optimizers keep their state private, so it cannot be saved). The inner optimizer's update
     * count is private to DJL too: rebuild the inner optimizer with {@code
     * optBeginNumUpdate(steps)} before {@link #loadState(DataInputStream, NDManager)} to resume the
     * same learning-rate schedule, bias correction and rounding keys.
     *
     * @param os the stream
     * @throws IOException if writing fails
     */
    public void saveState(DataOutputStream os) throws IOException {
        os.writeByte(STATE_VERSION);
        masters.save(os);
        boolean hasInner = inner instanceof QuantizedStateOptimizer;
        os.writeBoolean(hasInner);
        if (hasInner) {
            ((QuantizedStateOptimizer) inner).saveState(os);
        }
    }

    /**
     * Reads a state written by {@link #saveState(DataOutputStream)}.
     *
     * @param is the stream
     * @param manager where to create the arrays (they live as long as it)
     * @throws IOException if reading fails or the state does not fit this optimizer
     */
    public void loadState(DataInputStream is, NDManager manager) throws IOException {
        byte version = is.readByte();
        if (version != STATE_VERSION) {
            throw new IOException("unsupported QuantizedOptimizer state version " + version);
        }
        masters.load(is, manager);
        boolean hasInner = is.readBoolean();
        if (hasInner) {
            if (!(inner instanceof QuantizedStateOptimizer q)) {
                throw new IOException(
                        "state holds inner optimizer state but the inner optimizer "
                                + inner.getClass().getSimpleName()
                                + " cannot take it");
            }
            q.loadState(is, manager);
        }
    }

    @Override
    public String toString() {
        return "QuantizedOptimizer("
                + inner.getClass().getSimpleName()
                + ", master="
                + masterPrecision
                + ", "
                + precisions
                + ")";
    }
}
