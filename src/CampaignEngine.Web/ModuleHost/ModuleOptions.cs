namespace CampaignEngine.Web.ModuleHost;

/// <summary>The <c>Modules</c> section of the configuration.</summary>
internal sealed class ModuleOptions
{
    /// <summary>
    /// The folder of module folders (<c>&lt;Name&gt;/module.json</c>, <c>&lt;Name&gt;/templates/</c>); defaults to the
    /// copy the build puts beside the binaries, where an installed host's staff also add data modules.
    /// </summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "modules");

    /// <summary>Ids of the modules this host runs; empty runs every module that loads.</summary>
    public string[] Enabled { get; set; } = [];
}
