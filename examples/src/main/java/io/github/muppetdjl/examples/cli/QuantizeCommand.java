/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code muppet quantize}: quantises values with the scalar reference quantiser, which defines the
 * library's numerics bit for bit, and prints each result on its own line as {@link
 * Float#toString(float)}.
 *
 * <p>The values form one tensor of shape {@code {n}} in the order given; stochastic rounding uses
 * the generator key {@code CounterRng.key(seed, 0, 0)}, so element {@code i} draws {@code
 * CounterRng.uniform24(key, i)}.
 */
@Command(
        name = "quantize",
        mixinStandardHelpOptions = true,
        description = {
            "Quantise values to a number format and print each result on its own line.",
            "Values come from the arguments, or from standard input (whitespace-separated)"
                    + " when none are given."
        })
final class QuantizeCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @ParentCommand private MuppetCli parent;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "F",
            description =
                    "fixed(W,F), bfp(W), float(E,M), fp8-e5m2, fp8-e4m3, fp16, bf16, tf32"
                            + " (or fp32, the identity)")
    private String format;

    @Option(
            names = "--rounding",
            required = true,
            paramLabel = "R",
            description = "nearest (ties to even), stochastic or zero (toward zero)")
    private String rounding;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seed of stochastic rounding (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--block",
            paramLabel = "B",
            description =
                    "Blocks sharing an exponent, bfp only: tensor (default: all values are one"
                            + " block) or tile:N (runs of N values)")
    private String block;

    @Option(
            names = "--saturate",
            description = "Floating-point formats only: overflow clamps to +-max")
    private boolean saturate;

    @Parameters(
            paramLabel = "VALUES",
            arity = "0..*",
            description = "Values to quantise; negative values need no '--'")
    private List<String> values = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Precision precision = precision(format, rounding, block, saturate);
        float[] data;
        try {
            data = values.isEmpty() ? ValueParser.parse(parent.in()) : ValueParser.parse(values);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (data.length > 0) {
            ScalarQuantizer.quantize(
                    data, new long[] {data.length}, precision, CounterRng.key(seed, 0, 0));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (float v : data) {
            out.println(Float.toString(v));
        }
        out.flush();
        return 0;
    }

    /**
     * Resolves the options into a precision, reporting bad input as a {@link ParameterException}.
     */
    private Precision precision(String format, String rounding, String block, boolean saturate) {
        try {
            return resolve(format, rounding, block, saturate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Combines {@code --format}, {@code --rounding}, {@code --block} and {@code --saturate}.
     *
     * @param format the format text, parsed by {@link NumberFormat#parse}
     * @param rounding the rounding text, parsed by {@link Rounding#parse}
     * @param block {@code tensor}, {@code tile:N}, or null for the format's own block
     * @param saturate whether a floating-point format should saturate
     * @return the precision
     * @throws IllegalArgumentException if any part is invalid or the options do not fit together
     */
    static Precision resolve(String format, String rounding, String block, boolean saturate) {
        NumberFormat parsed = NumberFormat.parse(format);
        Rounding mode = Rounding.parse(rounding);
        if (block != null) {
            if (!(parsed instanceof BlockFloatingPoint bfp)) {
                throw new IllegalArgumentException(
                        "--block applies only to bfp formats, not to " + parsed);
            }
            if (!(bfp.block() instanceof Block.Tensor)) {
                throw new IllegalArgumentException(
                        "the block is given twice: in --format " + bfp + " and in --block");
            }
            Block chosen = Block.parse(block);
            if (chosen instanceof Block.Slice) {
                throw new IllegalArgumentException(
                        "--block must be tensor or tile:N, got '" + block + "'");
            }
            parsed = new BlockFloatingPoint(bfp.mantissaBits(), chosen);
        }
        if (saturate) {
            if (!(parsed instanceof FloatingPoint fp)) {
                throw new IllegalArgumentException(
                        "--saturate applies only to floating-point formats, not to "
                                + parsed
                                + " (fixed point and bfp always saturate)");
            }
            parsed = fp.withSaturation();
        }
        return new Precision(parsed, mode);
    }
}
