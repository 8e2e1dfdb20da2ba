using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace RelayCluster.Node.Tests;

/// <summary>Decodes signatures and keeps every type of the assembly itself that they name; other assemblies' types are ignored.</summary>
internal sealed class TypeCollector : ISignatureTypeProvider<TypeCollector.Unit, object?>
{
    /// <summary>Stands for a decoded type: what matters is which definitions were met on the way.</summary>
    public readonly record struct Unit;

    public List<TypeDefinitionHandle> Found { get; } = [];

    public Unit GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        Found.Add(handle);
        return default;
    }

    public Unit GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public Unit GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => default;

    public Unit GetPrimitiveType(PrimitiveTypeCode typeCode) => default;

    public Unit GetSZArrayType(Unit elementType) => default;

    public Unit GetArrayType(Unit elementType, ArrayShape shape) => default;

    public Unit GetByReferenceType(Unit elementType) => default;

    public Unit GetPointerType(Unit elementType) => default;

    public Unit GetPinnedType(Unit elementType) => default;

    public Unit GetGenericInstantiation(Unit genericType, ImmutableArray<Unit> typeArguments) => default;

    public Unit GetGenericMethodParameter(object? genericContext, int index) => default;

    public Unit GetGenericTypeParameter(object? genericContext, int index) => default;

    public Unit GetModifiedType(Unit modifier, Unit unmodifiedType, bool isRequired) => default;

    public Unit GetFunctionPointerType(MethodSignature<Unit> signature) => default;
}
