using System.Reflection;
using System.Reflection.Emit;

namespace FastLoss.Tests.Validation;

/// <summary>
/// Calls a method that takes <see cref="Span{T}"/> / <see cref="ReadOnlySpan{T}"/> parameters through reflection, which
/// <see cref="MethodBase.Invoke(object, object[])"/> cannot do (spans are ref structs and cannot be boxed): a small
/// <see cref="DynamicMethod"/> unpacks an object array in which every span argument is an <see cref="ArraySegment{T}"/>
/// (so a test controls the backing array, the offset and the length, e.g. to make an output overlap an input), builds
/// the spans on the evaluation stack and makes the call.
/// </summary>
internal static class SpanInvoker
{
    private static readonly Dictionary<MethodBase, Func<object?[], object?>> Cache = [];

    /// <summary>Whether the parameter is a Span&lt;T&gt; or ReadOnlySpan&lt;T&gt;.</summary>
    public static bool IsSpan(Type type)
        => type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Span<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>));

    /// <summary>Invokes <paramref name="method"/>; for an instance method, <paramref name="arguments"/>[0] is the target.</summary>
    /// <param name="method">The method (closed over its type arguments) or constructor.</param>
    /// <param name="arguments">Span arguments as ArraySegment&lt;T&gt;, the others as themselves (boxed).</param>
    /// <returns>The boxed return value, the new object for a constructor, or null.</returns>
    public static object? Invoke(MethodBase method, params object?[] arguments)
    {
        Func<object?[], object?> thunk;
        lock (Cache)
        {
            if (!Cache.TryGetValue(method, out thunk!))
            {
                Cache[method] = thunk = Compile(method);
            }
        }

        return thunk(arguments);
    }

    public static Span<T> AsSpan<T>(ArraySegment<T> segment) => segment.AsSpan();

    public static ReadOnlySpan<T> AsReadOnlySpan<T>(ArraySegment<T> segment) => segment.AsSpan();

    private static Func<object?[], object?> Compile(MethodBase method)
    {
        var dynamic = new DynamicMethod("Invoke_" + method.Name, typeof(object), [typeof(object?[])], typeof(SpanInvoker).Module, skipVisibility: true);
        ILGenerator il = dynamic.GetILGenerator();
        int offset = 0;
        if (method is MethodInfo { IsStatic: false } instance)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Castclass, instance.DeclaringType!);
            offset = 1;
        }

        ParameterInfo[] parameters = method.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            Type type = parameters[i].ParameterType;
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i + offset);
            il.Emit(OpCodes.Ldelem_Ref);
            if (IsSpan(type))
            {
                Type element = type.GetGenericArguments()[0];
                il.Emit(OpCodes.Unbox_Any, typeof(ArraySegment<>).MakeGenericType(element));
                string converter = type.GetGenericTypeDefinition() == typeof(Span<>) ? nameof(AsSpan) : nameof(AsReadOnlySpan);
                il.Emit(OpCodes.Call, typeof(SpanInvoker).GetMethod(converter)!.MakeGenericMethod(element));
            }
            else if (type.IsValueType)
            {
                il.Emit(OpCodes.Unbox_Any, type);
            }
            else
            {
                il.Emit(OpCodes.Castclass, type);
            }
        }

        switch (method)
        {
            case ConstructorInfo constructor:
                il.Emit(OpCodes.Newobj, constructor);
                il.Emit(OpCodes.Ret);
                break;
            case MethodInfo m:
                il.Emit(m.IsStatic ? OpCodes.Call : OpCodes.Callvirt, m);
                if (m.ReturnType == typeof(void))
                {
                    il.Emit(OpCodes.Ldnull);
                }
                else if (m.ReturnType.IsValueType)
                {
                    il.Emit(OpCodes.Box, m.ReturnType);
                }

                il.Emit(OpCodes.Ret);
                break;
        }

        return dynamic.CreateDelegate<Func<object?[], object?>>();
    }
}
