using System.Globalization;
using FastLoss;

namespace FastLoss.Demo;

/// <summary>A loss as the trainer uses it: the mean loss of a batch, and its gradient with respect to the predictions.</summary>
internal interface ILossFunction
{
    double LossWithGradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient);
}

internal sealed class StaticLoss(StaticLoss.Fused fused) : ILossFunction
{
    public delegate double Fused(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient);

    public double LossWithGradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient) => fused(prediction, target, gradient);
}

/// <summary>Any <see cref="ILoss{T}"/>: what a training loop takes.</summary>
internal sealed class ObjectLoss(ILoss<double> loss) : ILossFunction
{
    public double LossWithGradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient)
        => loss.LossWithGradient(prediction, target, gradient);
}

internal sealed class LinearModel(int features)
{
    public double[] Weights { get; } = new double[features];

    public double Bias { get; set; }

    public void Predict(ReadOnlySpan<double> x, Span<double> prediction)
    {
        for (int i = 0; i < prediction.Length; i++)
        {
            double sum = Bias;
            ReadOnlySpan<double> row = x.Slice(i * Weights.Length, Weights.Length);
            for (int j = 0; j < row.Length; j++)
            {
                sum += row[j] * Weights[j];
            }

            prediction[i] = sum;
        }
    }

    public (double Mse, double Mae) Evaluate(double[] x, double[] y)
    {
        var prediction = new double[y.Length];
        Predict(x, prediction);
        return (Loss.Mse((ReadOnlySpan<double>)prediction, y), Loss.L1((ReadOnlySpan<double>)prediction, y));
    }

    public double WeightError(double[] trueWeights, double trueBias)
        => Math.Sqrt(Weights.Zip(trueWeights, (a, b) => (a - b) * (a - b)).Sum() + ((Bias - trueBias) * (Bias - trueBias)));
}

internal static class Trainer
{
    public static double Train(LinearModel model, RegressionData data, ILossFunction loss, DemoOptions options, string name)
    {
        int features = model.Weights.Length;
        int batch = options.BatchSize;
        var prediction = new double[batch];
        var gradient = new double[batch];
        var velocity = new double[features + 1];
        var order = Enumerable.Range(0, data.TrainCount).ToArray();
        var xBatch = new double[batch * features];
        var yBatch = new double[batch];
        var random = new Random(options.Seed);
        double epochLoss = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double total = 0;
            int batches = 0;
            for (int start = 0; start + batch <= order.Length; start += batch)
            {
                for (int i = 0; i < batch; i++)
                {
                    int row = order[start + i];
                    data.TrainX.AsSpan(row * features, features).CopyTo(xBatch.AsSpan(i * features));
                    yBatch[i] = data.TrainY[row];
                }

                model.Predict(xBatch, prediction);

                // One fused pass: the batch's mean loss and d(loss)/d(prediction).
                total += loss.LossWithGradient(prediction, yBatch, gradient);
                batches++;

                // Chain rule through the linear model, then SGD with momentum.
                for (int j = 0; j <= features; j++)
                {
                    double g = 0;
                    for (int i = 0; i < batch; i++)
                    {
                        g += gradient[i] * (j < features ? xBatch[(i * features) + j] : 1.0);
                    }

                    velocity[j] = (0.9 * velocity[j]) - (options.LearningRate * g);
                    if (j < features)
                    {
                        model.Weights[j] += velocity[j];
                    }
                    else
                    {
                        model.Bias += velocity[j];
                    }
                }
            }

            epochLoss = total / batches;
            if (epoch == 1 || epoch == options.Epochs || epoch % Math.Max(1, options.Epochs / 4) == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-30} epoch {epoch,3}/{options.Epochs}  train loss {epochLoss,10:0.0000}"));
            }
        }

        return epochLoss;
    }
}
