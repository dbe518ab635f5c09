using System.Runtime.CompilerServices;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Tests.Architecture;

/// <summary>
/// <c>internal sealed</c> by default: nothing outside the host uses its types (the modules see only the core), so none
/// is public, and a class nobody derives from says so. Program stays public for WebApplicationFactory.
/// </summary>
public sealed class TypeRulesTests
{
    private static readonly Type[] HostTypes = [.. typeof(ModuleRegistry).Assembly.GetTypes()
        .Where(type => !type.IsNested && !type.Name.StartsWith('<') && !type.IsDefined(typeof(CompilerGeneratedAttribute), false))];

    [Fact]
    public void No_type_of_the_host_is_public_but_its_entry_point()
    {
        Assert.Equal(["Program"], HostTypes.Where(type => type.IsPublic).Select(type => type.Name));
    }

    [Fact]
    public void Every_class_of_the_host_is_sealed_unless_another_derives_from_it()
    {
        var bases = HostTypes.Select(type => type.BaseType?.IsGenericType == true ? type.BaseType.GetGenericTypeDefinition() : type.BaseType).ToHashSet();
        var open = HostTypes
            .Where(type => type.IsClass && !type.IsAbstract && !type.IsSealed && type.Name != "Program" && !bases.Contains(type))
            .Select(type => type.FullName)
            .Order(StringComparer.Ordinal);

        Assert.Empty(open);
    }
}
