using System.Diagnostics;
using System.Globalization;
using FastLoss;
using FastLoss.Demo;

// FastLoss demo: robust regression on data with outliers. The same linear model is trained with mini-batch SGD
// (momentum 0.9) under several losses; every loss and gradient comes from one fused FastLoss call per batch.
var options = DemoOptions.Parse(args);
if (options is null)
{
    return 0;
}

Console.WriteLine($"FastLoss demo: {options.Samples:N0} samples, {options.Features} features, {options.OutlierFraction:P0} outliers, seed {options.Seed}, {options.Epochs} epochs");
var data = RegressionData.Generate(options);
Console.WriteLine($"train {data.TrainCount:N0} / test {data.TestCount:N0} rows; true weights [{string.Join(", ", data.TrueWeights.Select(w => w.ToString("0.00", CultureInfo.InvariantCulture)))}]");
Console.WriteLine();

var strategies = new (string Name, ILossFunction Loss)[]
{
    ("Mse", new StaticLoss((x, t, g) => Loss.MseWithGradient(x, t, g))),
    ("L1", new StaticLoss((x, t, g) => Loss.L1WithGradient(x, t, g))),
    ("Huber(delta=1)", new ObjectLoss(new Loss.HuberLoss<double>(1.0))),
    ("SmoothL1(beta=0.5)", new StaticLoss((x, t, g) => Loss.SmoothL1WithGradient(x, t, 0.5, g))),
    ("LogCosh [LossFormula]", new ObjectLoss(new DemoLosses.LogCoshLoss())),
    ("Custom(0.01, 0) [LossFormula]", new StaticLoss((x, t, g) => DemoLosses.CustomWithGradient(x, t, 0.01, 0.0, g))),
};

var results = new List<(string Name, double TrainLoss, double TestMse, double TestMae, double WeightError, TimeSpan Time)>();
foreach (var (name, loss) in strategies)
{
    var watch = Stopwatch.StartNew();
    var model = new LinearModel(options.Features);
    double trainLoss = Trainer.Train(model, data, loss, options, name);
    watch.Stop();
    var (mse, mae) = model.Evaluate(data.TestX, data.TestY);
    results.Add((name, trainLoss, mse, mae, model.WeightError(data.TrueWeights, data.TrueBias), watch.Elapsed));
}

Console.WriteLine();
Console.WriteLine("| loss | final train loss | test MSE (clean) | test MAE (clean) | weight error ‖ŵ − w‖ | time |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.TrainLoss:0.0000} | {r.TestMse:0.0000} | {r.TestMae:0.0000} | {r.WeightError:0.0000} | {r.Time.TotalMilliseconds:0} ms |"));
}

var best = results.MinBy(r => r.WeightError);
Console.WriteLine();
Console.WriteLine($"Closest to the true weights: {best.Name}. Robust losses ignore the {options.OutlierFraction:P0} corrupted targets that pull Mse away.");
return 0;
