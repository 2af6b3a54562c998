using System.Text.Json;
using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class LossTrackerTests
{
    private static LossTracker TwoEpochs()
    {
        var tracker = new LossTracker();
        tracker.AddTrainingLoss(2.5);
        tracker.AddTrainingLoss(1.75);
        tracker.AddValidationLoss(0, 2.0);
        tracker.AddTrainingLoss(1.0);
        tracker.AddTrainingLoss(double.PositiveInfinity);
        tracker.AddValidationLoss(1, 0.125f);
        return tracker;
    }

    [Fact]
    public void Validation_points_sit_at_the_step_their_epoch_ended()
    {
        LossTracker tracker = TwoEpochs();
        Assert.Equal(4, tracker.StepCount);
        Assert.Equal([2.5, 1.75, 1.0, double.PositiveInfinity], tracker.TrainingLosses);
        Assert.Equal([new ValidationLoss(0, 2, 2.0), new ValidationLoss(1, 4, 0.125)], tracker.ValidationLosses);
    }

    [Fact]
    public void Epochs_must_increase()
    {
        LossTracker tracker = TwoEpochs();
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => tracker.AddValidationLoss(1, 0.1)).ParamName);
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => new LossTracker().AddValidationLoss(-1, 0.1)).ParamName);
        tracker.AddValidationLoss(3, 0.1); // skipping epochs is fine

        LossDistribution d = LossDistribution.Create<float>([1f]);
        tracker.AddDistribution(1, d);
        tracker.AddDistribution(1, d); // two distributions for one epoch (e.g. train and validation) are fine
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => tracker.AddDistribution(0, d)).ParamName);
        Assert.Throws<ArgumentNullException>(() => tracker.AddDistribution(2, null!));
        Assert.Equal(2, tracker.Distributions.Count);
        Assert.Equal(new EpochDistribution(1, 4, d), tracker.Distributions[0]);
    }

    [Fact]
    public void Csv_is_long_format_and_invariant()
    {
        string expected =
            "series,epoch,step,loss\n" +
            "train,,0,2.5\ntrain,,1,1.75\ntrain,,2,1\ntrain,,3,Infinity\n" +
            "validation,0,2,2\nvalidation,1,4,0.125\n";
        Assert.Equal(expected, LossDistributionExportTests.Write(TwoEpochs().WriteCsv));
    }

    [Fact]
    public void Json_round_trips_the_run()
    {
        LossTracker tracker = TwoEpochs();
        tracker.AddDistribution(1, LossDistribution.Create<double>([0.5, 0.25], binCount: 1));
        using JsonDocument json = JsonDocument.Parse(tracker.ToJson());
        JsonElement root = json.RootElement;

        JsonElement[] training = [.. root.GetProperty("trainingLoss").EnumerateArray()];
        Assert.Equal(2.5, training[0].GetDouble());
        Assert.Equal(1.0, training[2].GetDouble());
        Assert.Equal("Infinity", training[3].GetString());

        JsonElement validation = root.GetProperty("validation");
        Assert.Equal(2, validation.GetArrayLength());
        Assert.Equal(1, validation[1].GetProperty("epoch").GetInt32());
        Assert.Equal(4, validation[1].GetProperty("step").GetInt32());
        Assert.Equal(0.125, validation[1].GetProperty("loss").GetDouble());

        JsonElement distribution = root.GetProperty("distributions")[0];
        Assert.Equal(1, distribution.GetProperty("epoch").GetInt32());
        Assert.Equal(0.375, distribution.GetProperty("distribution").GetProperty("mean").GetDouble());
    }

    [Fact]
    public void Files_are_utf8_without_bom_and_replace_existing()
    {
        string directory = Directory.CreateTempSubdirectory("fastloss-tracker").FullName;
        try
        {
            string csv = Path.Combine(directory, "losses.csv");
            string json = Path.Combine(directory, "losses.json");
            File.WriteAllText(csv, new string('x', 10_000));
            LossTracker tracker = TwoEpochs();
            tracker.SaveCsv(csv);
            tracker.SaveJson(json, indented: false);

            byte[] bytes = File.ReadAllBytes(csv);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(LossDistributionExportTests.Write(tracker.WriteCsv), File.ReadAllText(csv));
            Assert.Equal(tracker.ToJson(indented: false), File.ReadAllText(json));
            Assert.Throws<ArgumentException>(() => tracker.SaveCsv(""));
            Assert.Throws<ArgumentNullException>(() => tracker.SaveJson(null!));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
