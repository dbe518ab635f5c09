using System.Reflection;
using System.Reflection.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Controllers are internal like every other type of the host: nothing outside it calls them, and a public controller
/// would force every service its constructor takes to be public too. MVC's own discovery takes public classes only, so
/// this one accepts internal ones and otherwise keeps MVC's rule: a concrete class named "…Controller" or marked
/// [Controller], and not [NonController].
/// </summary>
/// <remarks>
/// MVC's discovery loads every type of every assembly part to ask each whether it is a controller: some 2,500 types of
/// the host's assembly (views, closures, state machines), 30–40 ms of a cold start on the thread that builds MVC's
/// model (bench/, cold start). This one reads the assemblies' metadata instead and loads only the types that could be
/// controllers by the rule: those named "…Controller" and those carrying an attribute that may be [Controller]
/// ([ApiController] or the assembly's own). The rule is then asked of each as before.
/// </remarks>
internal sealed class InternalControllers : IApplicationFeatureProvider<ControllerFeature>
{
    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        foreach (var part in parts.OfType<IApplicationPartTypeProvider>())
            foreach (var type in Candidates(part))
                if (IsController(type) && !feature.Controllers.Contains(type))
                    feature.Controllers.Add(type);
    }

    /// <summary>MVC's rule, with internal classes allowed.</summary>
    internal static bool IsController(TypeInfo typeInfo) =>
        typeInfo.IsClass && !typeInfo.IsAbstract && !typeInfo.ContainsGenericParameters
        && !typeInfo.IsDefined(typeof(NonControllerAttribute))
        && (NamedLikeController(typeInfo.Name) || typeInfo.IsDefined(typeof(ControllerAttribute)));

    /// <summary>The types of <paramref name="assembly"/> that could be controllers, found without loading the others.</summary>
    internal static IReadOnlyList<TypeInfo>? Candidates(Assembly assembly)
    {
        if (!TryReadMetadata(assembly, out var reader)) return null;
        var candidates = new List<TypeInfo>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            if (!NamedLikeController(reader.GetString(definition.Name)) && !MayBeMarkedController(reader, definition)) continue;
            if (assembly.GetType(FullName(reader, definition), throwOnError: false) is { } type) candidates.Add(type.GetTypeInfo());
        }
        return candidates;
    }

    private static IEnumerable<TypeInfo> Candidates(IApplicationPartTypeProvider part) =>
        part is AssemblyPart { Assembly: var assembly } && Candidates(assembly) is { } candidates ? candidates : part.Types;

    private static bool NamedLikeController(string name) => name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase);

    private static unsafe bool TryReadMetadata(Assembly assembly, out MetadataReader reader)
    {
        // The runtime's own copy of a loaded assembly's metadata: nothing is read from disk.
        if (assembly.TryGetRawMetadata(out var blob, out var length))
        {
            reader = new MetadataReader(blob, length);
            return true;
        }
        reader = null!;
        return false;
    }

    /// <summary>
    /// [Controller] is inherited by attributes ([ApiController] among MVC's): one the assembly declares itself may
    /// derive from it too, so those count as well, and the rule decides once the type is loaded.
    /// </summary>
    private static bool MayBeMarkedController(MetadataReader reader, TypeDefinition definition)
    {
        foreach (var handle in definition.GetCustomAttributes())
        {
            var constructor = reader.GetCustomAttribute(handle).Constructor;
            if (constructor.Kind == HandleKind.MethodDefinition) return true;
            if (constructor.Kind != HandleKind.MemberReference) continue;
            var declaring = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
            if (declaring.Kind == HandleKind.TypeReference
                && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)declaring).Name) is nameof(ControllerAttribute) or nameof(ApiControllerAttribute))
                return true;
        }
        return false;
    }

    /// <summary>The name <see cref="Assembly.GetType(string)"/> takes: namespace, then "+" between nested types.</summary>
    private static string FullName(MetadataReader reader, TypeDefinition definition)
    {
        var name = reader.GetString(definition.Name);
        var declaring = definition.GetDeclaringType();
        if (!declaring.IsNil) return FullName(reader, reader.GetTypeDefinition(declaring)) + "+" + name;
        var space = reader.GetString(definition.Namespace);
        return space.Length == 0 ? name : space + "." + name;
    }
}
