using System.Diagnostics;
using System.Globalization;
using FastLoss.Demo;
using FastLoss.Training;

// FastLoss demo: imbalanced multi-class classification. One small model, the same data and the same initial
// weights, trained under several ways of handling class imbalance; every loss and its gradient with respect to the
// logits comes from one fused FastLoss call per mini-batch. Run with --help for the options.
DemoOptions? options;
try
{
    options = DemoOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options is null)
{
    return 0;
}

try
{
    return Run(options);
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static int Run(DemoOptions options)
{
    var total = Stopwatch.StartNew();
    DataSplit split = options.DataPath is null
        ? DataSplit.Stratified(
            SyntheticData.Generate(options.Samples, options.Features, options.Seed),
            options.Seed,
            $"synthetic: {options.Samples:N0} rows, {options.Features} features, {SyntheticData.ClassShares.Length} classes of 2 Gaussian clusters each, shares {string.Join(" / ", SyntheticData.ClassShares.Select(s => s.ToString("P0", CultureInfo.InvariantCulture)))}, seed {options.Seed}")
        : DataSplit.Stratified(CsvData.Load(options.DataPath, options.LabelColumn), options.Seed, $"{options.DataPath}");

    Dataset train = split.Train;
    int classes = train.ClassCount;
    int[] trainCounts = train.ClassCounts();
    int minority = Array.IndexOf(trainCounts, trainCounts.Min());
    Console.WriteLine($"FastLoss demo — imbalanced classification ({split.Description})");
    Console.WriteLine($"  split (stratified 60/20/20): train {train.Count:N0}, validation {split.Validation.Count:N0}, test {split.Test.Count:N0} rows, {train.FeatureCount} features (standardised)");
    Console.WriteLine("  training rows per class: " + string.Join(", ", train.ClassNames.Select((n, c) => string.Create(CultureInfo.InvariantCulture, $"{n} {trainCounts[c]} ({(double)trainCounts[c] / train.Count:P1})"))));
    Console.WriteLine($"  minority class: {train.ClassNames[minority]}");

    Mlp initial = Mlp.Create(train.FeatureCount, options.Hidden, classes, options.Seed);
    Console.WriteLine($"  model: {initial.Description}; Adam lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {options.BatchSize}, {options.Epochs} epochs; same initial weights for every strategy");

    // Class weights from the training labels, scikit-learn's class_weight='balanced': n / (C · n_c).
    float[] balanced = ClassWeights.Balanced<float>(train.Labels, classes);
    const float Margin = 1f, Temperature = 0.5f;
    Strategy[] strategies =
    [
        new("cross-entropy", "Cross-entropy", new CrossEntropyObjective(classes)),
        new("weighted-cross-entropy", "Weighted CE (balanced)", new CrossEntropyObjective(classes, balanced)),
        new("focal", "Focal (γ = 2)", new FocalObjective(classes, gamma: 2f)),
        new("oversampling", "Oversampling + CE", new CrossEntropyObjective(classes), Oversample: true),
        new("margin-logistic", "MarginLogistic (custom)", new MarginLogisticObjective(classes, Math.Max(options.BatchSize, split.Validation.Count), Margin, Temperature)),
    ];

    Console.WriteLine();
    Console.WriteLine("Strategies:");
    foreach (Strategy s in strategies)
    {
        string sampling = s.Oversample ? "; batches drawn by WeightedRandomSampler over BalancedSampleWeights (each class equally often)" : "; shuffled batches";
        Console.WriteLine($"  {s.Name,-26} {s.Objective.Describe()}{sampling}");
    }

    Console.WriteLine();
    Console.WriteLine("Training (val = the strategy's own loss on the validation split, val CE = plain cross-entropy):");
    var results = new List<StrategyResult>();
    foreach (Strategy strategy in strategies)
    {
        results.Add(Trainer.Train(strategy, initial, split, options, Report.Progress(strategy, options.Epochs, minority)));
    }

    Report.PrintTables(results, split, minority);

    var plotting = Stopwatch.StartNew();
    string directory = Path.GetFullPath(options.OutputDirectory);
    List<string> files = Report.WriteFiles(results, split, minority, directory);
    Console.WriteLine();
    Console.WriteLine($"Wrote {files.Count} files to {directory} ({plotting.Elapsed.TotalSeconds:0.0} s):");
    Console.WriteLine("  <n>-<strategy>.losses.csv, .losses.json   LossTracker: training loss per step; validation loss and per-sample loss distribution per epoch");
    Console.WriteLine("  <n>-<strategy>.curves.png                 LossPlots.SaveLossCurves");
    Console.WriteLine("  <n>-<strategy>.validation-losses.png      LossPlots.SaveLossDistribution of the last epoch's per-sample validation losses");
    Console.WriteLine("  summary.csv                               the tables above, one row per strategy");
    foreach (var group in files.GroupBy(f => Path.GetFileName(f).Split('.')[0]))
    {
        string first = Path.GetRelativePath(Environment.CurrentDirectory, group.First());
        string rest = string.Concat(group.Skip(1).Select(f => ", " + Path.GetFileName(f)[(group.Key.Length + 1)..]));
        Console.WriteLine($"  {first}{rest}");
    }

    Console.WriteLine();
    Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0.0} s.");
    return 0;
}
