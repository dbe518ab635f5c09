namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>A module template part as edited in the product; <see cref="Version"/> changes on every save.</summary>
internal sealed record TemplateOverride
{
    public string ModuleId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Language { get; init; } = "";
    public string Part { get; init; } = "";
    public string Text { get; init; } = "";
    public long Version { get; init; }
}

/// <summary>
/// What the template lookup reads of the templates edited in the product, which win over the shipped files. The
/// feature that edits templates owns their table and implements this; the lookup only reads.
/// </summary>
internal interface ITemplateOverrides
{
    TemplateOverride? Find(string moduleId, string name, string language, string part);
}
