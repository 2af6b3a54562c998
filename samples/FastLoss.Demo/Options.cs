using System.Globalization;

namespace FastLoss.Demo;

/// <summary>Command-line options of the demo; every one has a default, so the demo runs with no arguments.</summary>
internal sealed record DemoOptions
{
    public const string Usage = """
        FastLoss demo: imbalanced multi-class classification. One small MLP (same data, same initial weights) is
        trained with several imbalance strategies; FastLoss computes every loss and its gradient in one fused call.

        Usage: dotnet run -c Release --project samples/FastLoss.Demo -- [options]

        Data (default: a synthetic, seeded, imbalanced 4-class dataset of Gaussian clusters):
          --data FILE            read a CSV file instead: numeric feature columns and one label column
                                 (a header row is detected; labels may be numbers or names)
          --label-column NAME|I  the label column, by header name or 0-based index (default: the last column)
          --samples N            synthetic rows (default 20000)
          --features N           synthetic features, 2..64 (default 6)

        Training:
          --epochs N             epochs per strategy (default 25)
          --batch-size N         mini-batch size (default 64)
          --hidden N             hidden units of the MLP, 0 for softmax regression (default 32)
          --lr F                 Adam learning rate (default 0.003)
          --seed N               seed of the data, split, initial weights and batch order (default 1)

        Output:
          --out DIR              where the CSV, JSON and PNG files go (default ./fastloss-demo-output)
          --help                 this text

        The split is stratified 60/20/20 (train/validation/test); features are standardised with the training
        split's mean and standard deviation. Results are deterministic for a seed.
        """;

    public string? DataPath { get; init; }

    public string? LabelColumn { get; init; }

    public int Samples { get; init; } = 20_000;

    public int Features { get; init; } = 6;

    public int Epochs { get; init; } = 25;

    public int BatchSize { get; init; } = 64;

    public int Hidden { get; init; } = 32;

    public float LearningRate { get; init; } = 0.003f;

    public int Seed { get; init; } = 1;

    public string OutputDirectory { get; init; } = "fastloss-demo-output";

    /// <summary>Parses the arguments; null after printing the usage for <c>--help</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing or malformed value, or a value out of range.</exception>
    public static DemoOptions? Parse(string[] args)
    {
        var options = new DemoOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                return i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value. Use --help.");
            }

            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw new ArgumentException($"{arg} needs an integer. Use --help.");

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    Console.WriteLine(Usage);
                    return null;
                case "--data": options = options with { DataPath = Value() }; break;
                case "--label-column": options = options with { LabelColumn = Value() }; break;
                case "--samples": options = options with { Samples = Int() }; break;
                case "--features": options = options with { Features = Int() }; break;
                case "--epochs": options = options with { Epochs = Int() }; break;
                case "--batch-size" or "--batch": options = options with { BatchSize = Int() }; break;
                case "--hidden": options = options with { Hidden = Int() }; break;
                case "--seed": options = options with { Seed = Int() }; break;
                case "--out": options = options with { OutputDirectory = Value() }; break;
                case "--lr":
                    options = options with
                    {
                        LearningRate = float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0 && float.IsFinite(lr)
                            ? lr
                            : throw new ArgumentException("--lr needs a positive number. Use --help."),
                    };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Use --help.");
            }
        }

        Check(options.Samples >= 200, "--samples must be at least 200.");
        Check(options.Features is >= 2 and <= 64, "--features must be in 2..64.");
        Check(options.Epochs >= 1, "--epochs must be at least 1.");
        Check(options.BatchSize >= 1, "--batch-size must be at least 1.");
        Check(options.Hidden >= 0, "--hidden must be at least 0.");
        Check(!string.IsNullOrWhiteSpace(options.OutputDirectory), "--out needs a directory.");
        Check(options.LabelColumn is null || options.DataPath is not null, "--label-column applies to --data only.");
        return options;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message + " Use --help.");
        }
    }
}
