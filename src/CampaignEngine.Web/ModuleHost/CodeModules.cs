using System.Reflection;
using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Written by the build, one per project found by the glob <c>modules/*/*.csproj</c> (CampaignEngine.Web.csproj,
/// target DeclareCodeModules): the module folder the assembly came from, and the assembly's name.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class CodeModuleAttribute(string folder, string assemblyName) : Attribute
{
    public string Folder { get; } = folder;

    public string AssemblyName { get; } = assemblyName;
}

/// <summary>
/// The code modules the build referenced (ADR 0009): folder name → assembly name, and the one class of each that
/// adds behaviour. The compiler drops references nobody names in code, so the build's own list is what says which
/// assemblies are modules, not the host's references.
/// </summary>
internal static class CodeModules
{
    public static IReadOnlyDictionary<string, string> Declared { get; } =
        typeof(CodeModules).Assembly.GetCustomAttributes<CodeModuleAttribute>()
            .ToDictionary(a => a.Folder, a => a.AssemblyName, StringComparer.Ordinal);

    /// <summary>The public <see cref="ICampaignModule"/> of <paramref name="assemblyName"/>; throws saying why when there is not exactly one.</summary>
    public static ICampaignModule Behaviour(string assemblyName)
    {
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        var types = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICampaignModule).IsAssignableFrom(t))
            .ToList();
        if (types.Count != 1)
            throw new InvalidOperationException($"{assemblyName} must have exactly one public class implementing ICampaignModule; it has {types.Count}.");
        return (ICampaignModule)Activator.CreateInstance(types[0])!;
    }
}
