/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

import java.util.Locale;

/** Parses the text forms that {@link NumberFormat#toString()} produces. */
final class FormatParser {

    private FormatParser() {}

    static NumberFormat parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("format must not be empty");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean saturate = false;
        boolean subnormals = true;
        if (t.endsWith("-sat")) {
            saturate = true;
            t = t.substring(0, t.length() - 4);
        }
        if (t.endsWith("-nosub")) {
            subnormals = false;
            t = t.substring(0, t.length() - 6);
        }
        FloatingPoint preset =
                switch (t) {
                    case "fp8-e5m2" -> FloatingPoint.FP8_E5M2;
                    case "fp8-e4m3" -> FloatingPoint.FP8_E4M3;
                    case "fp16" -> FloatingPoint.FP16;
                    case "bf16" -> FloatingPoint.BF16;
                    case "tf32" -> FloatingPoint.TF32;
                    default -> null;
                };
        if (preset != null) {
            return new FloatingPoint(
                    preset.exponentBits(),
                    preset.mantissaBits(),
                    subnormals,
                    preset.specials(),
                    saturate);
        }
        if (t.equals("fp32") && !saturate && subnormals) {
            return FullPrecision.FP32;
        }
        int open = t.indexOf('(');
        if (open < 0 || !t.endsWith(")")) {
            throw unknown(text);
        }
        String name = t.substring(0, open);
        String[] args = t.substring(open + 1, t.length() - 1).split(",", -1);
        if ((saturate || !subnormals) && !name.equals("float")) {
            // Silently dropping a suffix would hand back a different format than was asked for.
            throw new IllegalArgumentException(
                    "-sat and -nosub apply only to floating-point formats, got '" + text + "'");
        }
        switch (name) {
            case "fixed":
                requireArgs(text, args, 2, 2);
                return new FixedPoint(integer(text, args[0]), integer(text, args[1]));
            case "bfp":
                requireArgs(text, args, 1, 2);
                Block block = args.length == 2 ? Block.parse(args[1]) : Block.TENSOR;
                return new BlockFloatingPoint(integer(text, args[0]), block);
            case "range":
                requireArgs(text, args, 1, 2);
                Block range = args.length == 2 ? Block.parse(args[1]) : Block.TENSOR;
                return new RangeLinear(integer(text, args[0]), range);
            case "float":
                requireArgs(text, args, 2, 3);
                Specials specials = Specials.IEEE;
                if (args.length == 3) {
                    if (!args[2].trim().equals("fn")) {
                        throw new IllegalArgumentException(
                                "third float argument must be fn, got '" + args[2].trim() + "'");
                    }
                    specials = Specials.FN;
                }
                return new FloatingPoint(
                        integer(text, args[0]),
                        integer(text, args[1]),
                        subnormals,
                        specials,
                        saturate);
            default:
                throw unknown(text);
        }
    }

    private static void requireArgs(String text, String[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            String expected = min == max ? String.valueOf(min) : min + " or " + max;
            throw new IllegalArgumentException(
                    "format '" + text + "' takes " + expected + " arguments, got " + args.length);
        }
    }

    private static int integer(String text, String arg) {
        try {
            return Integer.parseInt(arg.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + arg.trim() + "' is not an integer in format '" + text + "'", e);
        }
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException(
                "unknown format '"
                        + text
                        + "'; expected fixed(W,F), bfp(W), bfp(W,tile:N), range(B),"
                        + " range(B,slice:D), range(B,tile:N), float(E,M), fp8-e5m2,"
                        + " fp8-e4m3, fp16, bf16, tf32 or fp32");
    }
}
