using System.Numerics;
using System.Reflection;
using FastLoss.PropertyTests.Harness;

namespace FastLoss.PropertyTests;

/// <summary>
/// Property 7: <c>new NameLoss(h…)</c> gives the static methods' results bit for bit (through <see cref="ILoss{T}"/>
/// for (input, target) formulas, so the interface is exercised as a training loop would use it); its hyperparameter
/// properties return what it was built with; the parameterless constructor (where every hyperparameter has a default)
/// equals the static methods at the declared defaults; a NaN hyperparameter is rejected by the constructor.
/// </summary>
public sealed class ObjectFormProperties
{
    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void ObjectMethodsEqualStaticMethods(string name) => Cases.Run(name, new Visitor());

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void ConstructorsMatchDeclaration(string name) => Cases.Run(name, new ConstructorVisitor());

    internal static void SameResults<T>(string label, Api<T> expected, Api<T> actual, Sample<T> s, T[] h)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = s.Length;
        void Same(string what, T e, T a)
        {
            if (!Num.SameBits(a, e))
            {
                throw new InvalidOperationException($"{label}: {what} is {Num.Show(a)} but the static method gives {Num.Show(e)}.");
            }
        }

        void SameSpans(string what, T[] e, T[] a)
        {
            for (int i = 0; i < n; i++)
            {
                Same($"{what}[{i}]", e[i], a[i]);
            }
        }

        foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
        {
            Same($"Loss({r})", expected.Reduce(s.X, s.A, s.B, h, r), actual.Reduce(s.X, s.A, s.B, h, r));
            T[] e = new T[n], a = new T[n];
            expected.Gradient(s.X, s.A, s.B, h, e, r);
            actual.Gradient(s.X, s.A, s.B, h, a, r);
            SameSpans($"Gradient({r})", e, a);
            Same($"LossWithGradient({r})", expected.WithGradient(s.X, s.A, s.B, h, e, r), actual.WithGradient(s.X, s.A, s.B, h, a, r));
            SameSpans($"LossWithGradient({r}) gradient", e, a);
            expected.Hessian(s.X, s.A, s.B, h, e, r);
            actual.Hessian(s.X, s.A, s.B, h, a, r);
            SameSpans($"Hessian({r})", e, a);
        }

        T[] le = new T[n], la = new T[n];
        expected.Map(s.X, s.A, s.B, h, le);
        actual.Map(s.X, s.A, s.B, h, la);
        SameSpans("Loss(destination)", le, la);
    }

    private readonly struct Visitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Assert.Equal(c.Domain.Operands == 1, typeof(ILoss<T>).IsAssignableFrom(c.ObjectType));
            Runner.Check($"object == static [{c.Name}]", Gens<T>.Arbitrary(c.Domain, Mode.Extreme), s =>
            {
                Api<T> o = c.Object(s.H);
                SameResults($"new {c.ObjectType.Name}({string.Join(", ", s.H.Select(Num.Literal))})", c.Api, o, s, s.H);
            });
        }
    }

    private readonly struct ConstructorVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            ParameterInfo[] hyper = c.Formula.Hyperparameters;
            var random = Runner.Random("constructors " + c.Name);
            int n = 37;
            var s = new Sample<T>(
                DriverHygieneTests.Data<T>(random, OperandKind.General, n),
                DriverHygieneTests.Data<T>(random, c.Domain.A, n),
                DriverHygieneTests.Data<T>(random, c.Domain.B, n),
                []);

            // Hyperparameter properties echo the constructor's arguments.
            T[] h = c.Domain.Hyper.Select((spec, k) => T.CreateTruncating(spec.Specials.Length > 0 ? spec.Specials[0] : spec.Default)).ToArray();
            object instance = Activator.CreateInstance(c.ObjectType, h.Cast<object>().ToArray())!;
            for (int k = 0; k < hyper.Length; k++)
            {
                string property = char.ToUpperInvariant(hyper[k].Name![0]) + hyper[k].Name![1..];
                object? value = c.ObjectType.GetProperty(property)?.GetValue(instance);
                Assert.True(value is T t && Num.SameBits(t, h[k]), $"{c.ObjectType.Name}.{property} is {value}, expected {Num.Show(h[k])}.");
            }

            // `new NameLoss()` (a parameterless constructor, or one whose parameters are all optional, as C# allows for a
            // non-generic formula's C# defaults) exists exactly when every hyperparameter has a default, and uses them.
            bool allDefaults = hyper.All(p => !double.IsNaN(p.GetCustomAttribute<HyperparameterAttribute>()!.Default) || p.HasDefaultValue);
            ConstructorInfo? noArguments = c.ObjectType.GetConstructors().SingleOrDefault(k => k.GetParameters().All(p => p.HasDefaultValue));
            Assert.True(allDefaults == (noArguments is not null), $"{c.ObjectType.Name}: callable without arguments = {noArguments is not null}, every hyperparameter has a default = {allDefaults}.");
            if (noArguments is not null && typeof(ILoss<T>).IsAssignableFrom(c.ObjectType))
            {
                object?[] optional = noArguments.GetParameters().Select(p => p.DefaultValue).ToArray();
                SameResults($"new {c.ObjectType.Name}()", c.Api, Api<T>.Of((ILoss<T>)noArguments.Invoke(optional)), s, c.Formula.Defaults);
            }

            // A NaN hyperparameter is rejected with its name.
            for (int k = 0; k < hyper.Length; k++)
            {
                object[] args = h.Cast<object>().ToArray();
                args[k] = T.NaN;
                var e = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(c.ObjectType, args));
                var inner = Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
                Assert.Equal(hyper[k].Name, inner.ParamName);
            }
        }
    }
}
