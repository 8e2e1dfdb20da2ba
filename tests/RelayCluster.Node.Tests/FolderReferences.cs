using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RelayCluster.Node.Tests;

/// <summary>
/// Which folders of an assembly use which, read from the compiled assembly rather than from using lines, so qualified
/// names, global usings and members reached through another type all count. A type uses every type of the assembly
/// named by its base type, interfaces, fields, properties, method signatures, locals, catch clauses and the tokens of
/// its method bodies; a nested type (lambdas, async state machines) counts as its outermost type. A type's folder is
/// the first namespace segment under the root namespace. Source files come from the portable PDB beside the assembly.
/// </summary>
internal static class FolderReferences
{
    /// <summary>One folder using another, with one place where it does.</summary>
    public sealed record Edge(string From, string To, string File, string FromType, string ToType);

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    // The compiler records the file of a type without method bodies (an interface, an enum) under this kind.
    private static readonly Guid TypeDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    /// <summary>Every folder-to-folder use in the assembly at <paramref name="assemblyPath"/>, one edge per pair.</summary>
    public static IReadOnlyList<Edge> Read(string assemblyPath, string rootNamespace)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        using var pdb = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(assemblyPath, ".pdb")));
        var debug = pdb.GetMetadataReader();
        var edges = new Dictionary<(string, string), Edge>();

        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var from = FolderOf(reader, typeHandle, rootNamespace);
            if (from is null)
            {
                continue;
            }

            var type = reader.GetTypeDefinition(typeHandle);
            var typeFile = FileOf(reader, debug, typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var methodCollector = new TypeCollector();
                method.DecodeSignature(methodCollector, null);
                if (method.RelativeVirtualAddress != 0)
                {
                    VisitBody(reader, pe.GetMethodBody(method.RelativeVirtualAddress), methodCollector);
                }

                Record(methodCollector, FileOf(debug, methodHandle) ?? typeFile);
            }

            // Last, so an edge names the file of a method that makes it when there is one.
            var collector = new TypeCollector();
            VisitTypeLevel(reader, type, collector);
            Record(collector, typeFile);

            void Record(TypeCollector found, string? file)
            {
                foreach (var target in found.Found)
                {
                    var to = FolderOf(reader, target, rootNamespace);
                    if (to is null || to == from || edges.ContainsKey((from, to)))
                    {
                        continue;
                    }

                    edges[(from, to)] = new Edge(from, to, file ?? "?", NameOf(reader, typeHandle), NameOf(reader, target));
                }
            }
        }

        return [.. edges.Values];
    }

    private static void VisitTypeLevel(MetadataReader reader, TypeDefinition type, TypeCollector collector)
    {
        if (!type.BaseType.IsNil)
        {
            VisitToken(reader, type.BaseType, collector);
        }

        foreach (var implementation in type.GetInterfaceImplementations())
        {
            VisitToken(reader, reader.GetInterfaceImplementation(implementation).Interface, collector);
        }

        foreach (var field in type.GetFields())
        {
            reader.GetFieldDefinition(field).DecodeSignature(collector, null);
        }

        foreach (var property in type.GetProperties())
        {
            reader.GetPropertyDefinition(property).DecodeSignature(collector, null);
        }
    }

    private static void VisitBody(MetadataReader reader, MethodBodyBlock body, TypeCollector collector)
    {
        if (!body.LocalSignature.IsNil)
        {
            reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
        }

        foreach (var region in body.ExceptionRegions)
        {
            if (!region.CatchType.IsNil)
            {
                VisitToken(reader, region.CatchType, collector);
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    VisitToken(reader, MetadataTokens.EntityHandle(il.ReadInt32()), collector);
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineSig or OperandType.InlineString:
                    il.Offset += 4;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
            }
        }
    }

    private static void VisitToken(MetadataReader reader, EntityHandle handle, TypeCollector collector)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                collector.Found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(collector, null);
                break;
            case HandleKind.FieldDefinition:
                collector.Found.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MethodDefinition:
                collector.Found.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                VisitToken(reader, reader.GetMemberReference((MemberReferenceHandle)handle).Parent, collector);
                break;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                VisitToken(reader, specification.Method, collector);
                specification.DecodeSignature(collector, null);
                break;
        }
    }

    private static string? FolderOf(MetadataReader reader, TypeDefinitionHandle handle, string rootNamespace)
    {
        var ns = reader.GetString(reader.GetTypeDefinition(Outermost(reader, handle)).Namespace);
        if (!ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        return ns[(rootNamespace.Length + 1)..].Split('.')[0];
    }

    private static TypeDefinitionHandle Outermost(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
        return declaring.IsNil ? handle : Outermost(reader, declaring);
    }

    private static string NameOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(Outermost(reader, handle));
        return reader.GetString(type.Name);
    }

    private static string? FileOf(MetadataReader reader, MetadataReader debug, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var file = type.GetMethods().Select(method => FileOf(debug, method)).FirstOrDefault(file => file is not null)
            ?? type.GetNestedTypes().Select(nested => FileOf(reader, debug, nested)).FirstOrDefault(file => file is not null);
        if (file is not null)
        {
            return file;
        }

        foreach (var information in debug.GetCustomDebugInformation(handle).Select(debug.GetCustomDebugInformation))
        {
            if (debug.GetGuid(information.Kind) == TypeDocuments)
            {
                var blob = debug.GetBlobReader(information.Value);
                return PathOf(debug, MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()));
            }
        }

        return null;
    }

    private static string? FileOf(MetadataReader debug, MethodDefinitionHandle method)
    {
        var information = debug.GetMethodDebugInformation(method);
        var document = information.Document;
        if (document.IsNil)
        {
            foreach (var point in information.GetSequencePoints())
            {
                document = point.Document;
                break;
            }
        }

        return document.IsNil ? null : PathOf(debug, document);
    }

    private static string PathOf(MetadataReader debug, DocumentHandle document)
    {
        // Relative to the project folder: src/RelayCluster.Node/Rules/RelayRule.cs is Rules/RelayRule.cs.
        var path = debug.GetString(debug.GetDocument(document).Name).Replace('\\', '/');
        var marker = path.IndexOf("/src/", StringComparison.Ordinal);
        var project = marker < 0 ? -1 : path.IndexOf('/', marker + 5);
        return project < 0 ? path : path[(project + 1)..];
    }
}
