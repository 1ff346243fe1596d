/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import ai.djl.Model;

import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.optim.QuantizedStateOptimizer;
import io.github.muppetdjl.training.QuantizedTraining;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Saves and resumes any {@link QuantizedTraining} run. One directory holds:
 *
 * <ul>
 *   <li>{@value #STATE_FILE}: the model's parameters and the whole controller state: the recipe's
 *       one-line form, the precision controller's state (for MuPPET: level, violations, {@code
 *       maxD}, diversity sums and history), the loss scaler's state, the step and epoch counters
 *       (the step keys stochastic rounding), the seed, the master weights and the optimizer state
 *       ({@link QuantizedOptimizer#saveState});
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
 * the problem, and the model and controller are as before. Version 1 files (written by the
 * MuPPET-only API this replaced) are refused with a message saying so.
 *
 * <p>Exact resumption needs the optimizer's own state, so {@link #save} refuses a wrapper whose
 * inner optimizer keeps private state it cannot write: use {@code QuantizedAdam} or {@code
 * QuantizedSgd} (DJL's {@code Optimizer.adam()} and {@code Optimizer.sgd()} keep theirs private).
 * To continue identically, the resumed run must use the same recipe and seed, the same model, an
 * inner optimizer built with {@code optBeginNumUpdate(info.step())} ({@link #peek} reads the info
 * first), the same data order, and load after {@code model.newTrainer(config)} and {@code
 * trainer.initialize(...)}, before training continues.
 */
public final class Checkpoints {

    /** The file holding parameters and controller state. */
    public static final String STATE_FILE = "muppet-checkpoint.bin";

    /** The model name of the DJL parameter file written beside it. */
    public static final String MODEL_NAME = "model";

    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 2;

    private static final byte[] MAGIC = {'M', 'U', 'P', 'P', 'E', 'T', 'C', 'K'};
    private static final int HEADER = MAGIC.length + 1 + Long.BYTES + Long.BYTES;

    private Checkpoints() {}

    /**
     * Saves a checkpoint (call it between epochs: {@code qt.epochsCompleted()} is recorded).
     *
     * @param dir the directory, created if missing; an earlier checkpoint there is replaced
     * @param model the model being trained (initialised)
     * @param qt its controller
     * @return what was saved
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the optimizer was not wrapped, or its inner optimizer's
     *     state cannot be saved
     */
    public static CheckpointInfo save(Path dir, Model model, QuantizedTraining qt)
            throws IOException {
        if (dir == null || model == null || qt == null) {
            throw new IllegalArgumentException("dir, model and qt must not be null");
        }
        QuantizedOptimizer q = qt.getOptimizer();
        if (q == null) {
            throw new IllegalStateException(
                    "nothing to resume: the optimizer was not wrapped (qt.wrap(optimizer))");
        }
        if (!(q.getOptimizer() instanceof QuantizedStateOptimizer)) {
            throw new IllegalStateException(
                    "cannot checkpoint the state of "
                            + q.getOptimizer().getClass().getSimpleName()
                            + " (DJL keeps it private), so a resumed run would differ: wrap a"
                            + " QuantizedAdam or QuantizedSgd instead, which resume exactly");
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        q.saveState(new DataOutputStream(o));
        int epoch = qt.getContext().epoch();
        CheckpointInfo info =
                new CheckpointInfo(
                        FORMAT_VERSION,
                        epoch,
                        qt.getContext().step(),
                        qt.getContext().seed(),
                        qt.getRecipe().toString());
        CheckpointContents contents =
                new CheckpointContents(
                        info,
                        qt.getLossScaler().state(),
                        controllerState(qt),
                        o.toByteArray(),
                        ModelParameters.read(model));
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

    static byte[] controllerState(QuantizedTraining qt) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        qt.getController().saveState(new DataOutputStream(b));
        return b.toByteArray();
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
     * Loads a checkpoint into a freshly built model and controller, all or nothing: call it after
     * {@code qt.wrap(...)}, {@code model.newTrainer(config)} and {@code trainer.initialize(...)},
     * before training continues. Afterwards the controller is at the saved controller state, step,
     * epoch and loss scale, and the model holds the saved parameters (written into the trainer's
     * own parameter arrays, so training continues from them).
     *
     * @param dir the checkpoint directory
     * @param model the model
     * @param qt the controller, built from the same recipe and seed
     * @return what was loaded
     * @throws CheckpointException if the checkpoint is missing, not a checkpoint, of another
     *     version, corrupt, or does not fit; nothing is changed then
     */
    public static CheckpointInfo load(Path dir, Model model, QuantizedTraining qt)
            throws IOException {
        if (dir == null || model == null || qt == null) {
            throw new IllegalArgumentException("dir, model and qt must not be null");
        }
        Path file = dir.resolve(STATE_FILE);
        CheckpointContents c = read(dir);
        validate(c, model, qt, file);
        Backup backup = Backup.take(model, qt);
        try {
            apply(c, model, qt);
        } catch (IOException | RuntimeException e) {
            try {
                backup.restore(model, qt);
            } catch (IOException | RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw new CheckpointException(
                    file + ": could not be applied (" + e.getMessage() + "); nothing was changed",
                    e);
        }
        return c.info();
    }

    static void apply(CheckpointContents c, Model model, QuantizedTraining qt) throws IOException {
        qt.getLossScaler().restore(c.scaler());
        ModelParameters.write(model, c.parameters());
        QuantizedOptimizer optimizer = qt.getOptimizer();
        if (optimizer != null && c.optimizerState() != null) {
            optimizer.loadState(
                    new DataInputStream(new ByteArrayInputStream(c.optimizerState())),
                    model.getNDManager());
        }
        qt.getController()
                .loadState(new DataInputStream(new ByteArrayInputStream(c.controllerState())));
        qt.getContext().setStep(c.info().step());
        qt.getContext().setEpoch(c.info().epoch());
        qt.resumed(model.getBlock());
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
        if (version == 1) {
            throw new CheckpointException(
                    file
                            + ": checkpoint format version 1 (written by the former MuppetTraining"
                            + " API) cannot be resumed by this library, which reads version "
                            + FORMAT_VERSION);
        }
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

    private static void validate(CheckpointContents c, Model model, QuantizedTraining qt, Path file)
            throws IOException {
        long seed = qt.getContext().seed();
        if (c.info().seed() != seed) {
            throw new CheckpointException(
                    file + ": written with seed " + c.info().seed() + ", controller has " + seed);
        }
        String recipe = qt.getRecipe().toString();
        if (!c.info().recipe().equals(recipe)) {
            throw new CheckpointException(
                    file
                            + ": written by recipe '"
                            + c.info().recipe()
                            + "', controller has '"
                            + recipe
                            + "'");
        }
        if (qt.getOptimizer() == null) {
            throw new CheckpointException(
                    file
                            + ": holds optimizer state; wrap the optimizer (qt.wrap) and create the"
                            + " trainer before loading");
        }
        try {
            // Read into a scratch controller first, so that a bad state changes nothing.
            qt.getRecipe()
                    .controller()
                    .create()
                    .loadState(new DataInputStream(new ByteArrayInputStream(c.controllerState())));
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(
                    file + ": bad precision-controller state (" + e.getMessage() + ")", e);
        }
        ModelParameters.validate(c.parameters(), model, file);
    }

    private static long crc(byte[] body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        return crc.getValue();
    }
}
