using System.Reflection;
using System.Reflection.Emit;

namespace OAuthPortal.Tests.Architecture;

/// <summary>One type of a folder using a type of another (or the same) folder.</summary>
public sealed record FolderReference(string From, string FromType, string To, string ToType);

/// <summary>
/// Which top-level folder of OAuthPortal each type lives in (namespaces follow folders; compiled Razor views are named
/// after their path), and every reference between them: base types, interfaces, fields, properties, signatures,
/// attributes, locals, and the members and types named by each method body's IL.
/// </summary>
public static class FolderReferences
{
    private const string Root = "OAuthPortal";

    /// <summary>The layers, lowest first; a folder may use its own layer's folders (without cycles) and those below.</summary>
    private static readonly string[][] Layers =
    [
        ["Data"],
        ["OAuth"],
        ["Identity"],
        ["Management"],
        ["Pages", "Areas", "Components", "Api", "Cli"],
        ["Hosting", "Program"],
    ];

    public static int Rank(string folder) =>
        Array.FindIndex(Layers, layer => layer.Contains(folder)) is var rank and >= 0
            ? rank
            : throw new InvalidOperationException($"Folder '{folder}' is not in any layer: add it to {nameof(FolderReferences)}.{nameof(Layers)}.");

    public static bool IsAllowed(string from, string to) => from == to || Rank(to) <= Rank(from);

    /// <summary>A cycle in the folder graph as the folders along it (first and last the same), or null.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyCollection<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var done = new HashSet<string>();
        var path = new List<string>();

        IReadOnlyList<string>? Visit(string folder)
        {
            if (path.IndexOf(folder) is var at and >= 0)
            {
                return [.. path.Skip(at), folder];
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var to in next.GetValueOrDefault(folder) ?? [])
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return next.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    public static IReadOnlyList<FolderReference> Of(Assembly assembly)
    {
        var references = new List<FolderReference>();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in Uses(type).SelectMany(Flatten).Where(t => t.Assembly == assembly).Distinct())
            {
                if (FolderOf(used) is { } to)
                {
                    references.Add(new FolderReference(from, type.FullName ?? type.Name, to, used.FullName ?? used.Name));
                }
            }
        }

        return references;
    }

    /// <summary>The top-level folder of a type of the portal; null for compiler plumbing outside any folder.</summary>
    public static string? FolderOf(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var ns = type.Namespace;
        if (ns == Root || (ns is null && type.Name == "Program"))
        {
            return type.Name == "Program" ? "Program" : null;
        }

        if (ns?.StartsWith(Root + ".", StringComparison.Ordinal) == true)
        {
            return ns[(Root.Length + 1)..].Split('.')[0];
        }

        // Razor views compile to AspNetCoreGeneratedDocument.<Path_With_Underscores>, e.g. Areas_Admin_Pages_Index.
        return ns == "AspNetCoreGeneratedDocument" ? type.Name.Split('_')[0] : null;
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Uses(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var item in type.GetInterfaces())
        {
            yield return item;
        }

        foreach (var attribute in type.CustomAttributes)
        {
            yield return attribute.AttributeType;
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return property.PropertyType;
            foreach (var attribute in property.CustomAttributes)
            {
                yield return attribute.AttributeType;
            }
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            foreach (var used in UsesOf(method))
            {
                yield return used;
            }
        }
    }

    private static IEnumerable<Type> UsesOf(MethodBase method)
    {
        if (method is MethodInfo info)
        {
            yield return info.ReturnType;
        }

        foreach (var parameter in method.GetParameters())
        {
            yield return parameter.ParameterType;
        }

        foreach (var attribute in method.CustomAttributes)
        {
            yield return attribute.AttributeType;
        }

        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        foreach (var used in Il.TypesNamedBy(method, body.GetILAsByteArray() ?? []))
        {
            yield return used;
        }
    }

    /// <summary>Walks IL and resolves the tokens of the instructions that name a type, method or field.</summary>
    private static class Il
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public static IEnumerable<Type> TypesNamedBy(MethodBase method, byte[] il)
        {
            var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var found = new List<Type>();
            var position = 0;
            while (position < il.Length)
            {
                short value = il[position++];
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[position++]);
                }

                var opCode = OpCodesByValue[value];
                switch (opCode.OperandType)
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                        found.AddRange(Resolve(method.Module, BitConverter.ToInt32(il, position), typeArguments, methodArguments));
                        position += 4;
                        break;
                    case OperandType.InlineSwitch:
                        position += 4 + (4 * BitConverter.ToInt32(il, position));
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        position += 8;
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        position += 1;
                        break;
                    case OperandType.InlineVar:
                        position += 2;
                        break;
                    default:
                        position += 4;
                        break;
                }
            }

            return found;
        }

        private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
        {
            MemberInfo? member;
            try
            {
                member = module.ResolveMember(token, typeArguments, methodArguments);
            }
            catch (ArgumentException)
            {
                return [];
            }

            return member switch
            {
                Type type => [type],
                FieldInfo field => [field.DeclaringType!, field.FieldType],
                MethodInfo called => [called.DeclaringType!, called.ReturnType, .. called.IsGenericMethod ? called.GetGenericArguments() : []],
                ConstructorInfo constructor => [constructor.DeclaringType!],
                _ => [],
            };
        }
    }
}
