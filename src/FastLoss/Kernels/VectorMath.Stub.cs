// TEMPORARY stand-in until the deterministic polynomial implementations land.
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

#pragma warning disable CS1591
public static partial class VectorMath
{
    public static float Exp(float x) => MathF.Exp(x);
    public static double Exp(double x) => Math.Exp(x);
    public static Vector128<float> Exp(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Exp(v[j])); } return r; }
    public static Vector128<double> Exp(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Exp(v[j])); } return r; }
    public static Vector256<float> Exp(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Exp(v[j])); } return r; }
    public static Vector256<double> Exp(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Exp(v[j])); } return r; }
    public static Vector512<float> Exp(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Exp(v[j])); } return r; }
    public static Vector512<double> Exp(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Exp(v[j])); } return r; }
    public static float Log(float x) => MathF.Log(x);
    public static double Log(double x) => Math.Log(x);
    public static Vector128<float> Log(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Log(v[j])); } return r; }
    public static Vector128<double> Log(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Log(v[j])); } return r; }
    public static Vector256<float> Log(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Log(v[j])); } return r; }
    public static Vector256<double> Log(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Log(v[j])); } return r; }
    public static Vector512<float> Log(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Log(v[j])); } return r; }
    public static Vector512<double> Log(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Log(v[j])); } return r; }
    public static float LogP1(float x) => float.LogP1(x);
    public static double LogP1(double x) => double.LogP1(x);
    public static Vector128<float> LogP1(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, LogP1(v[j])); } return r; }
    public static Vector128<double> LogP1(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, LogP1(v[j])); } return r; }
    public static Vector256<float> LogP1(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, LogP1(v[j])); } return r; }
    public static Vector256<double> LogP1(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, LogP1(v[j])); } return r; }
    public static Vector512<float> LogP1(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, LogP1(v[j])); } return r; }
    public static Vector512<double> LogP1(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, LogP1(v[j])); } return r; }
    public static float Tanh(float x) => MathF.Tanh(x);
    public static double Tanh(double x) => Math.Tanh(x);
    public static Vector128<float> Tanh(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Tanh(v[j])); } return r; }
    public static Vector128<double> Tanh(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Tanh(v[j])); } return r; }
    public static Vector256<float> Tanh(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Tanh(v[j])); } return r; }
    public static Vector256<double> Tanh(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Tanh(v[j])); } return r; }
    public static Vector512<float> Tanh(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Tanh(v[j])); } return r; }
    public static Vector512<double> Tanh(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Tanh(v[j])); } return r; }
    public static float Sinh(float x) => MathF.Sinh(x);
    public static double Sinh(double x) => Math.Sinh(x);
    public static Vector128<float> Sinh(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Sinh(v[j])); } return r; }
    public static Vector128<double> Sinh(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Sinh(v[j])); } return r; }
    public static Vector256<float> Sinh(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Sinh(v[j])); } return r; }
    public static Vector256<double> Sinh(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Sinh(v[j])); } return r; }
    public static Vector512<float> Sinh(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Sinh(v[j])); } return r; }
    public static Vector512<double> Sinh(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Sinh(v[j])); } return r; }
    public static float Cosh(float x) => MathF.Cosh(x);
    public static double Cosh(double x) => Math.Cosh(x);
    public static Vector128<float> Cosh(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Cosh(v[j])); } return r; }
    public static Vector128<double> Cosh(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Cosh(v[j])); } return r; }
    public static Vector256<float> Cosh(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Cosh(v[j])); } return r; }
    public static Vector256<double> Cosh(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Cosh(v[j])); } return r; }
    public static Vector512<float> Cosh(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Cosh(v[j])); } return r; }
    public static Vector512<double> Cosh(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Cosh(v[j])); } return r; }
    public static float Sigmoid(float x) => LossMath.Sigmoid(x);
    public static double Sigmoid(double x) => LossMath.Sigmoid(x);
    public static Vector128<float> Sigmoid(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Sigmoid(v[j])); } return r; }
    public static Vector128<double> Sigmoid(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Sigmoid(v[j])); } return r; }
    public static Vector256<float> Sigmoid(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Sigmoid(v[j])); } return r; }
    public static Vector256<double> Sigmoid(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Sigmoid(v[j])); } return r; }
    public static Vector512<float> Sigmoid(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Sigmoid(v[j])); } return r; }
    public static Vector512<double> Sigmoid(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Sigmoid(v[j])); } return r; }
    public static float Softplus(float x) => LossMath.Softplus(x);
    public static double Softplus(double x) => LossMath.Softplus(x);
    public static Vector128<float> Softplus(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Softplus(v[j])); } return r; }
    public static Vector128<double> Softplus(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Softplus(v[j])); } return r; }
    public static Vector256<float> Softplus(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Softplus(v[j])); } return r; }
    public static Vector256<double> Softplus(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Softplus(v[j])); } return r; }
    public static Vector512<float> Softplus(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Softplus(v[j])); } return r; }
    public static Vector512<double> Softplus(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Softplus(v[j])); } return r; }
    public static float LogSigmoid(float x) => LossMath.LogSigmoid(x);
    public static double LogSigmoid(double x) => LossMath.LogSigmoid(x);
    public static Vector128<float> LogSigmoid(Vector128<float> v) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, LogSigmoid(v[j])); } return r; }
    public static Vector128<double> LogSigmoid(Vector128<double> v) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, LogSigmoid(v[j])); } return r; }
    public static Vector256<float> LogSigmoid(Vector256<float> v) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, LogSigmoid(v[j])); } return r; }
    public static Vector256<double> LogSigmoid(Vector256<double> v) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, LogSigmoid(v[j])); } return r; }
    public static Vector512<float> LogSigmoid(Vector512<float> v) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, LogSigmoid(v[j])); } return r; }
    public static Vector512<double> LogSigmoid(Vector512<double> v) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, LogSigmoid(v[j])); } return r; }
    public static float Pow(float x, float y) => MathF.Pow(x, y);
    public static double Pow(double x, double y) => Math.Pow(x, y);
    public static Vector128<float> Pow(Vector128<float> v, Vector128<float> y) { var r = v; for (int j = 0; j < Vector128<float>.Count; j++) { r = r.WithElement(j, Pow(v[j], y[j])); } return r; }
    public static Vector128<double> Pow(Vector128<double> v, Vector128<double> y) { var r = v; for (int j = 0; j < Vector128<double>.Count; j++) { r = r.WithElement(j, Pow(v[j], y[j])); } return r; }
    public static Vector256<float> Pow(Vector256<float> v, Vector256<float> y) { var r = v; for (int j = 0; j < Vector256<float>.Count; j++) { r = r.WithElement(j, Pow(v[j], y[j])); } return r; }
    public static Vector256<double> Pow(Vector256<double> v, Vector256<double> y) { var r = v; for (int j = 0; j < Vector256<double>.Count; j++) { r = r.WithElement(j, Pow(v[j], y[j])); } return r; }
    public static Vector512<float> Pow(Vector512<float> v, Vector512<float> y) { var r = v; for (int j = 0; j < Vector512<float>.Count; j++) { r = r.WithElement(j, Pow(v[j], y[j])); } return r; }
    public static Vector512<double> Pow(Vector512<double> v, Vector512<double> y) { var r = v; for (int j = 0; j < Vector512<double>.Count; j++) { r = r.WithElement(j, Pow(v[j], y[j])); } return r; }
}
