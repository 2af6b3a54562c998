using System.Globalization;

namespace FastLoss.Demo;

internal sealed record DemoOptions(int Samples, int Features, double OutlierFraction, int Epochs, int BatchSize, double LearningRate, int Seed)
{
    private const string Usage = """
        FastLoss demo: trains a linear model on synthetic data with outliers under several losses.

        Options:
          --samples N       rows of data (default 20000)
          --features N      input features (default 8)
          --outliers F      fraction of corrupted training targets, 0..0.5 (default 0.1)
          --epochs N        training epochs (default 20)
          --batch N         mini-batch size (default 256)
          --lr F            learning rate (default 0.01)
          --seed N          random seed (default 1)
          --help            this text
        """;

    public static DemoOptions? Parse(string[] args)
    {
        var options = new DemoOptions(20_000, 8, 0.1, 20, 256, 0.01, 1);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--help" or "-h": Console.WriteLine(Usage); return null;
                case "--samples": options = options with { Samples = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--features": options = options with { Features = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--outliers": options = options with { OutlierFraction = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--epochs": options = options with { Epochs = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--batch": options = options with { BatchSize = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--lr": options = options with { LearningRate = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--seed": options = options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Use --help.");
            }
        }

        if (options.Samples < 100 || options.Features < 1 || options.Epochs < 1 || options.BatchSize < 1 || options.OutlierFraction is < 0 or > 0.5)
        {
            throw new ArgumentException("Options out of range. Use --help.");
        }

        return options;
    }
}

/// <summary>y = w·x + b + noise; a fraction of the training targets replaced by large outliers. Test targets are clean.</summary>
internal sealed class RegressionData
{
    public required double[] TrainX { get; init; }
    public required double[] TrainY { get; init; }
    public required double[] TestX { get; init; }
    public required double[] TestY { get; init; }
    public required double[] TrueWeights { get; init; }
    public required double TrueBias { get; init; }

    public int TrainCount => TrainY.Length;

    public int TestCount => TestY.Length;

    public static RegressionData Generate(DemoOptions options)
    {
        var random = new Random(options.Seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] weights = Enumerable.Range(0, options.Features).Select(_ => Math.Round(Gaussian() * 2, 2)).ToArray();
        double bias = 0.5;
        int test = options.Samples / 5, train = options.Samples - test;
        double[] x = Enumerable.Range(0, options.Samples * options.Features).Select(_ => Gaussian()).ToArray();
        double[] y = new double[options.Samples];
        for (int i = 0; i < options.Samples; i++)
        {
            double sum = bias;
            for (int j = 0; j < options.Features; j++)
            {
                sum += weights[j] * x[(i * options.Features) + j];
            }

            y[i] = sum + (0.1 * Gaussian());
            if (i < train && random.NextDouble() < options.OutlierFraction)
            {
                y[i] += 20 + (10 * Math.Abs(Gaussian()));
            }
        }

        return new RegressionData
        {
            TrainX = x[..(train * options.Features)],
            TrainY = y[..train],
            TestX = x[(train * options.Features)..],
            TestY = y[train..],
            TrueWeights = weights,
            TrueBias = bias,
        };
    }
}
