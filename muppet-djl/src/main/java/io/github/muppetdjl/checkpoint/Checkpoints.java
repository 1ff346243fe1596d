/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.muppetdjl.checkpoint.CheckpointContents.ParameterData;
import io.github.muppetdjl.muppet.MuppetTraining;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.schedule.MuppetState;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.training.QuantizedTraining;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Saves and resumes MuPPET training (issue 4 §3). One directory holds:
 *
 * <ul>
 *   <li>{@value #STATE_FILE}: the model's parameters and the whole controller state: MuPPET level,
 *       violation count, {@code maxD}, diversity sums and history ({@link MuppetState}), the loss
 *       scaler's state, the step counter that keys stochastic rounding, the seed, the master
 *       weights and the optimizer state ({@link QuantizedOptimizer#saveState});
 *   <li>{@code model-NNNN.params}: the parameters once more in DJL's own format ({@code
 *       model.save}), so the trained model can be loaded by plain DJL; {@link #load} does not read
 *       it.
 * </ul>
 *
 * <p>File format, version {@value #FORMAT_VERSION}: the 8 ASCII bytes {@code MUPPETCK}, a version
 * byte, the body length (long), the CRC-32 of the body (long), then the body. {@link #load} reads
 * the whole file into memory and checks magic, version, length, CRC, and that every section fits
 * the target model and controller before changing anything; should applying still fail, what was
 * applied is rolled back. Either way it throws a {@link CheckpointException} naming the file and
 * the problem, and the model and controller are as before.
 *
 * <p>To continue identically, the resumed run must use the same seed, switching configuration and
 * model, an inner optimizer whose state the checkpoint can carry ({@code QuantizedAdam}, {@code
 * QuantizedSgd}; DJL's own optimizers keep theirs private) built with {@code
 * optBeginNumUpdate(info.step())} ({@link #peek} reads the info first), and the same data order.
 */
public final class Checkpoints {

    /** The file holding parameters and controller state. */
    public static final String STATE_FILE = "muppet-checkpoint.bin";

    /** The model name of the DJL parameter file written beside it. */
    public static final String MODEL_NAME = "model";

    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = {'M', 'U', 'P', 'P', 'E', 'T', 'C', 'K'};
    private static final int HEADER = MAGIC.length + 1 + Long.BYTES + Long.BYTES;

    private Checkpoints() {}

    /**
     * Saves a checkpoint after {@code epoch} completed epochs (call it between epochs).
     *
     * @param dir the directory, created if missing; an earlier checkpoint there is replaced
     * @param model the model being trained (initialised)
     * @param mt its controller
     * @param epoch the number of epochs completed; must equal {@code mt.epochsCompleted()}
     * @return what was saved
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if an argument is null or the epoch disagrees with {@code
     *     mt}
     */
    public static CheckpointInfo save(Path dir, Model model, MuppetTraining mt, int epoch)
            throws IOException {
        if (dir == null || model == null || mt == null) {
            throw new IllegalArgumentException("dir, model and mt must not be null");
        }
        if (epoch != mt.epochsCompleted()) {
            throw new IllegalArgumentException(
                    "epoch must equal the controller's completed epochs ("
                            + mt.epochsCompleted()
                            + "), got "
                            + epoch);
        }
        QuantizedTraining qt = mt.training();
        MuppetSwitchingPolicy switching = mt.switching();
        ByteArrayOutputStream muppet = new ByteArrayOutputStream();
        switching.save(new DataOutputStream(muppet));
        byte[] optimizer = null;
        if (qt.getOptimizer() != null) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            qt.getOptimizer().saveState(new DataOutputStream(o));
            optimizer = o.toByteArray();
        }
        CheckpointInfo info =
                new CheckpointInfo(
                        FORMAT_VERSION,
                        epoch,
                        qt.getContext().step(),
                        qt.getContext().seed(),
                        switching.currentLevel());
        CheckpointContents contents =
                new CheckpointContents(
                        info,
                        switching.toString(),
                        qt.getLossScaler().state(),
                        muppet.toByteArray(),
                        optimizer,
                        readParameters(model));
        byte[] body = contents.encode();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
            out.write(MAGIC);
            out.writeByte(FORMAT_VERSION);
            out.writeLong(body.length);
            out.writeLong(crc(body));
            out.write(body);
        }
        Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
        model.setProperty("Epoch", String.valueOf(epoch));
        model.save(dir, MODEL_NAME);
        return info;
    }

    /**
     * Reads and validates a checkpoint's file without applying it, e.g. to build the inner
     * optimizer with {@code optBeginNumUpdate(info.step())} before {@link #load}.
     *
     * @param dir the checkpoint directory
     * @return what it holds
     * @throws CheckpointException if it is missing, not a checkpoint, of another version, or
     *     corrupt
     */
    public static CheckpointInfo peek(Path dir) throws IOException {
        return read(dir).info();
    }

    /**
     * Loads a checkpoint into a freshly built model (block initialised, e.g. by {@code
     * trainer.initialize}) and controller (optimizer wrapped if the checkpoint has optimizer
     * state), all or nothing. Afterwards the controller is at the saved level, step, loss scale and
     * epoch count, and the model holds the saved parameters.
     *
     * @param dir the checkpoint directory
     * @param model the model
     * @param mt the controller
     * @return what was loaded
     * @throws CheckpointException if the checkpoint is missing, not a checkpoint, of another
     *     version, corrupt, or does not fit; nothing is changed then
     */
    public static CheckpointInfo load(Path dir, Model model, MuppetTraining mt) throws IOException {
        if (dir == null || model == null || mt == null) {
            throw new IllegalArgumentException("dir, model and mt must not be null");
        }
        Path file = dir.resolve(STATE_FILE);
        CheckpointContents c = read(dir);
        MuppetState state = validate(c, model, mt, file);
        Backup backup = Backup.take(model, mt);
        try {
            apply(c, state, model, mt);
        } catch (IOException | RuntimeException e) {
            try {
                backup.restore(model, mt);
            } catch (IOException | RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw new CheckpointException(
                    file + ": could not be applied (" + e.getMessage() + "); nothing was changed",
                    e);
        }
        return c.info();
    }

    static void apply(CheckpointContents c, MuppetState state, Model model, MuppetTraining mt)
            throws IOException {
        QuantizedTraining qt = mt.training();
        qt.getLossScaler().restore(c.scaler());
        writeParameters(model, c.parameters());
        QuantizedOptimizer optimizer = qt.getOptimizer();
        if (optimizer != null && c.optimizerState() != null) {
            optimizer.loadState(
                    new DataInputStream(new ByteArrayInputStream(c.optimizerState())),
                    model.getNDManager());
        }
        mt.switching().restore(state);
        qt.getContext().setStep(c.info().step());
        mt.resumeAt(c.info().epoch());
    }

    private static CheckpointContents read(Path dir) throws IOException {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no checkpoint there");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, 8)) {
            throw new CheckpointException(file + ": not a muppet-djl checkpoint (bad magic)");
        }
        int version = bytes[MAGIC.length];
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(
                    file
                            + ": checkpoint format version "
                            + version
                            + " is not supported (this library reads version "
                            + FORMAT_VERSION
                            + ")");
        }
        DataInputStream header =
                new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length + 1, 16));
        long length = header.readLong();
        long crc = header.readLong();
        if (length != bytes.length - HEADER) {
            throw new CheckpointException(
                    file
                            + ": corrupt checkpoint (body is "
                            + (bytes.length - HEADER)
                            + " bytes, header says "
                            + length
                            + ")");
        }
        byte[] body = Arrays.copyOfRange(bytes, HEADER, bytes.length);
        if (crc(body) != crc) {
            throw new CheckpointException(file + ": corrupt checkpoint (CRC-32 mismatch)");
        }
        try {
            return CheckpointContents.decode(body, version);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(
                    file + ": corrupt checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static MuppetState validate(
            CheckpointContents c, Model model, MuppetTraining mt, Path file) throws IOException {
        QuantizedTraining qt = mt.training();
        long seed = qt.getContext().seed();
        if (c.info().seed() != seed) {
            throw new CheckpointException(
                    file + ": written with seed " + c.info().seed() + ", controller has " + seed);
        }
        String config = mt.switching().toString();
        if (!c.switchingConfig().equals(config)) {
            throw new CheckpointException(
                    file
                            + ": written by switching policy '"
                            + c.switchingConfig()
                            + "', controller has '"
                            + config
                            + "'");
        }
        MuppetState state;
        try {
            MuppetSwitchingPolicy scratch = new MuppetSwitchingPolicy(mt.switching().config());
            scratch.load(new DataInputStream(new ByteArrayInputStream(c.muppetState())));
            state = scratch.state();
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file + ": bad MuPPET state (" + e.getMessage() + ")", e);
        }
        if (state.level() != c.info().level() || state.lastEpoch() != c.info().epoch() - 1) {
            throw new CheckpointException(
                    file + ": MuPPET state disagrees with the header (level or epoch)");
        }
        if ((c.optimizerState() != null) != (qt.getOptimizer() != null)) {
            throw new CheckpointException(
                    file
                            + (c.optimizerState() != null
                                    ? ": holds optimizer state; wrap the optimizer (mt.wrap) and"
                                            + " create the trainer before loading"
                                    : ": holds no optimizer state but the controller has an"
                                            + " optimizer"));
        }
        validateParameters(c.parameters(), model, file);
        return state;
    }

    private static void validateParameters(List<ParameterData> saved, Model model, Path file)
            throws CheckpointException {
        List<Pair<String, Parameter>> live = new ArrayList<>();
        model.getBlock().getParameters().forEach(live::add);
        if (live.size() != saved.size()) {
            throw new CheckpointException(
                    file + ": has " + saved.size() + " parameters, model has " + live.size());
        }
        for (int i = 0; i < saved.size(); i++) {
            ParameterData s = saved.get(i);
            Pair<String, Parameter> p = live.get(i);
            if (!p.getKey().equals(s.name())) {
                throw new CheckpointException(
                        file
                                + ": parameter "
                                + i
                                + " is "
                                + s.name()
                                + ", model has "
                                + p.getKey());
            }
            if (!p.getValue().isInitialized()) {
                throw new CheckpointException(
                        file + ": model parameter " + s.name() + " is not initialised");
            }
            NDArray a = p.getValue().getArray();
            if (a.getDataType() != DataType.FLOAT32 || !a.getShape().equals(new Shape(s.shape()))) {
                throw new CheckpointException(
                        file
                                + ": parameter "
                                + s.name()
                                + " is "
                                + new Shape(s.shape())
                                + " float32, model has "
                                + a.getShape()
                                + " "
                                + a.getDataType());
            }
        }
    }

    static List<ParameterData> readParameters(Model model) {
        List<ParameterData> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(
                        "parameter " + p.getKey() + " must be float32, is " + a.getDataType());
            }
            out.add(new ParameterData(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    static void writeParameters(Model model, List<ParameterData> values) {
        int i = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            ParameterData d = values.get(i++);
            NDArray live = p.getValue().getArray();
            try (NDArray src = live.getManager().create(d.values(), new Shape(d.shape()))) {
                if (live.getShape().dimension() == 0) {
                    src.copyTo(live);
                } else {
                    // A full-slice assignment keeps the parameter's storage and autograd identity.
                    live.set(new NDIndex("..."), src);
                }
            }
        }
    }

    private static long crc(byte[] body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        return crc.getValue();
    }
}
