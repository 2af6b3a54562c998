using System.Globalization;
using System.Text;
using FastLoss.Plotting;
using FastLoss.Training;

namespace FastLoss.Demo;

/// <summary>Console output (progress, tables) and the files the demo writes.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A progress callback: on a terminal one line per strategy, redrawn every epoch as a progress bar; when the
    /// output is redirected, a line every few epochs (and the last).
    /// </summary>
    public static Action<EpochReport> Progress(Strategy strategy, int epochs, int minority)
    {
        bool live = !Console.IsOutputRedirected;
        int every = Math.Max(1, (int)Math.Ceiling(epochs / 5.0));
        return report =>
        {
            string line = string.Create(
                Invariant,
                $"  {strategy.Name,-24} {Bar(report.Epoch, epochs)} {report.Epoch,3}/{epochs}  train {Number(report.TrainingLoss),6}  val {report.ValidationLoss,6:0.0000}  val CE {report.ValidationCrossEntropy,6:0.0000}  macro-F1 {report.Validation.MacroF1:0.000}  minority recall {Number(report.Validation.Recall[minority], "0.000")}  {report.Elapsed.TotalSeconds,4:0.0} s");
            if (live)
            {
                // Redrawn in place: never wider than the terminal, or the carriage return would not reach its start.
                int width = TerminalWidth();
                Console.Write("\r" + (line.Length >= width ? line[..(width - 1)] : line.PadRight(width - 1)));
                if (report.Epoch == epochs)
                {
                    Console.WriteLine();
                }
            }
            else if (report.Epoch == epochs || (report.Epoch > 0 && report.Epoch % every == 0) || report.Epoch == 1)
            {
                Console.WriteLine(line);
            }
        };
    }

    public static void PrintTables(IReadOnlyList<StrategyResult> results, DataSplit split, int minority)
    {
        string minorityName = split.Train.ClassNames[minority];
        Console.WriteLine();
        Console.WriteLine($"Results after the last epoch. \"val loss\" is each strategy's own objective (not comparable across rows); \"val CE\" is plain cross-entropy for all. Minority class: {minorityName}.");
        Console.WriteLine();
        Console.WriteLine("| strategy | val loss (own) | val CE | test accuracy | test macro-F1 | test minority recall | time |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (StrategyResult r in results)
        {
            Console.WriteLine(string.Create(
                Invariant,
                $"| {r.Strategy.Name} | {r.ValidationLoss:0.0000} | {r.ValidationCrossEntropy:0.0000} | {r.Test.Accuracy:0.0000} | {r.Test.MacroF1:0.0000} | {Number(r.Test.Recall[minority], "0.0000")} | {r.Time.TotalSeconds:0.0} s |"));
        }

        int[] testCounts = split.Test.ClassCounts();
        Console.WriteLine();
        Console.WriteLine("Test recall per class (test samples in parentheses):");
        Console.WriteLine();
        Console.WriteLine("| strategy | " + string.Join(" | ", split.Test.ClassNames.Select((n, c) => $"{n} ({testCounts[c]})")) + " |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", split.Test.ClassCount)));
        foreach (StrategyResult r in results)
        {
            Console.WriteLine($"| {r.Strategy.Name} | " + string.Join(" | ", r.Test.Recall.Select(v => Number(v, "0.000"))) + " |");
        }

        Console.WriteLine();
        Console.WriteLine("Validation cross-entropy per class (mean, from LossDistribution of the last epoch's per-sample losses) and its 95th percentile over all samples:");
        Console.WriteLine();
        Console.WriteLine("| strategy | " + string.Join(" | ", split.Validation.ClassNames) + " | p95 |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", split.Validation.ClassCount + 1)));
        foreach (StrategyResult r in results)
        {
            LossDistribution distribution = r.CrossEntropyDistribution;
            double p95 = distribution.Quantiles.First(q => q.Probability == 0.95).Value;
            Console.WriteLine($"| {r.Strategy.Name} | " + string.Join(" | ", distribution.Classes.Select(k => Number(k.MeanLoss, "0.000"))) + $" | {Number(p95, "0.000")} |");
        }

        StrategyResult baseline = results[0];
        double baseRecall = baseline.Test.Recall[minority];
        Console.WriteLine();
        if (double.IsNaN(baseRecall))
        {
            Console.WriteLine("The test split has no minority-class sample: minority recall cannot be compared.");
            return;
        }

        // A difference is called noise when it is within two binomial standard errors of the baseline's recall.
        int minorityTest = testCounts[minority];
        int noise = (int)Math.Ceiling(2 * Math.Sqrt(baseRecall * (1 - baseRecall) / minorityTest) * minorityTest);
        foreach (StrategyResult r in results.Skip(1))
        {
            double recall = r.Test.Recall[minority];
            int difference = (int)Math.Round((recall - baseRecall) * minorityTest);
            string verdict = Math.Abs(difference) <= noise
                ? $"about the same minority recall as plain cross-entropy ({difference:+0;-0;0} of {minorityTest} test samples, within noise of ±{noise})"
                : difference > 0
                    ? $"beats plain cross-entropy on minority recall by {difference} of {minorityTest} test samples"
                    : $"is worse than plain cross-entropy on minority recall by {-difference} of {minorityTest} test samples";
            Console.WriteLine(string.Create(
                Invariant,
                $"  {r.Strategy.Name}: {verdict} ({recall:0.000} vs {baseRecall:0.000}); macro-F1 {r.Test.MacroF1:0.000} vs {baseline.Test.MacroF1:0.000}, accuracy {r.Test.Accuracy:0.000} vs {baseline.Test.Accuracy:0.000}."));
        }

        Console.WriteLine(string.Create(Invariant, $"  (One seed, one split; \"noise\" is ±2 binomial standard errors of the baseline recall on {minorityTest} samples. Try other --seed values.)"));
    }

    /// <summary>Writes the trackers (CSV, JSON), the charts (PNG) and a summary CSV; returns the files written.</summary>
    public static List<string> WriteFiles(IReadOnlyList<StrategyResult> results, DataSplit split, int minority, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        string Path(string name)
        {
            string path = System.IO.Path.Combine(directory, name);
            files.Add(path);
            return path;
        }

        for (int i = 0; i < results.Count; i++)
        {
            StrategyResult r = results[i];
            string prefix = string.Create(Invariant, $"{i + 1}-{r.Strategy.Key}");
            r.Tracker.SaveCsv(Path(prefix + ".losses.csv"));
            r.Tracker.SaveJson(Path(prefix + ".losses.json"));
            LossPlots.SaveLossCurves(r.Tracker, Path(prefix + ".curves.png"), 900, 500, $"{r.Strategy.Name}: training loss per step, validation loss per epoch");
            int epoch = r.Tracker.ValidationLosses[^1].Epoch;
            LossPlots.SaveLossDistribution<float>(
                r.ValidationLosses, Path(prefix + ".validation-losses.png"), 60, 900, 500, $"{r.Strategy.Name}: per-sample validation loss, epoch {epoch}");
        }

        var csv = new StringBuilder();
        csv.Append("strategy,loss,val_loss_own,val_cross_entropy,test_accuracy,test_macro_f1,test_minority_recall");
        foreach (string name in split.Test.ClassNames)
        {
            csv.Append(",test_recall_").Append(name.Replace(' ', '_').Replace(',', '_'));
        }

        csv.Append(",seconds\n");
        foreach (StrategyResult r in results)
        {
            csv.Append(string.Create(
                Invariant,
                $"{r.Strategy.Key},\"{r.Strategy.Objective.Describe().Replace("\"", "\"\"", StringComparison.Ordinal)}\",{r.ValidationLoss:R},{r.ValidationCrossEntropy:R},{r.Test.Accuracy:R},{r.Test.MacroF1:R},{r.Test.Recall[minority]:R}"));
            foreach (double recall in r.Test.Recall)
            {
                csv.Append(',').Append(recall.ToString("R", Invariant));
            }

            csv.Append(string.Create(Invariant, $",{r.Time.TotalSeconds:0.000}\n"));
        }

        File.WriteAllText(Path("summary.csv"), csv.ToString());
        return files;
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 200;
        }
        catch (IOException)
        {
            return 200;
        }
    }

    private static string Bar(int done, int total)
    {
        const int Width = 16;
        int filled = total == 0 ? Width : done * Width / total;
        return "[" + new string('#', filled) + new string('.', Width - filled) + "]";
    }

    private static string Number(double value, string format = "0.0000")
        => double.IsNaN(value) ? "n/a" : value.ToString(format, Invariant);
}
