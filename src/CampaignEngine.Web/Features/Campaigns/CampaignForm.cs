using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>The campaign form on the pages; check boxes arrive as arrays.</summary>
internal sealed class CampaignForm
{
    public string? ModuleId { get; set; }
    public string? Name { get; set; }
    public string? PublicTitleKy { get; set; }
    public string? PublicTitleRu { get; set; }
    public string? PublicTitleEn { get; set; }
    public string? Template { get; set; }
    public string[] Countries { get; set; } = [];
    public string[] Genders { get; set; } = [];
    public string[] AgeBands { get; set; } = [];
    public string[] Languages { get; set; } = [];
    public string[] Willing { get; set; } = [];
    public long? OrganizationId { get; set; }
    public string[] Channels { get; set; } = [];
    /// <summary>The place of each ticked channel in the fallback order (1 first); unranked ones keep the usual order after.</summary>
    public Dictionary<string, int?> ChannelOrder { get; set; } = new(StringComparer.Ordinal);
    public string? WindowFrom { get; set; }
    public string? WindowTo { get; set; }
    public string? QuietDates { get; set; }
    /// <summary>The ticked projects; none ticked means the campaign asks for no particular project.</summary>
    public long[] ProjectIds { get; set; } = [];
    /// <summary>The preset whose button was pressed: the form comes back with its audience filled in, nothing saved.</summary>
    public string? ApplyPreset { get; set; }

    /// <summary>The form with <paramref name="preset"/>'s audience in place of the one it had; the rest stays as typed.</summary>
    public CampaignForm WithAudience(AudiencePreset preset, ModuleManifest module)
    {
        var criteria = preset.Criteria;
        Countries = [.. criteria.Countries ?? module.Countries];
        Genders = [.. criteria.Genders ?? []];
        AgeBands = [.. criteria.AgeBands ?? []];
        Languages = [.. criteria.Languages ?? []];
        Willing = [.. criteria.Willing ?? []];
        OrganizationId = null;
        ApplyPreset = null;
        return this;
    }

    public CampaignRequest ToRequest() => new(ModuleId, Name, Template,
        new Segment
        {
            Countries = NullIfEmpty(Countries), Genders = NullIfEmpty(Genders), AgeBands = NullIfEmpty(AgeBands),
            Languages = NullIfEmpty(Languages), Willing = NullIfEmpty(Willing), OrganizationId = OrganizationId,
        },
        NullIfEmpty(Ordered(Channels)),
        new WindowRequest(WindowFrom, WindowTo),
        QuietDates?.Split([';', ',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        ProjectIds,
        new PublicTitleRequest(PublicTitleKy, PublicTitleRu, PublicTitleEn));

    public static CampaignForm From(CampaignRow c, IReadOnlyList<long> projectIds)
    {
        var s = c.Segment;
        return new CampaignForm
        {
            ModuleId = c.ModuleId, Name = c.Name, Template = c.Template, PublicTitleKy = c.TitleKy, PublicTitleRu = c.TitleRu, PublicTitleEn = c.TitleEn,
            ProjectIds = [.. projectIds],
            Countries = s.Countries ?? [], Genders = s.Genders ?? [], AgeBands = s.AgeBands ?? [], Languages = s.Languages ?? [],
            Willing = s.Willing ?? [], OrganizationId = s.OrganizationId, Channels = [.. c.ChannelList],
            ChannelOrder = c.ChannelList.Select((channel, index) => (channel, index)).ToDictionary(x => x.channel, x => (int?)(x.index + 1), StringComparer.Ordinal),
            WindowFrom = c.WindowFrom, WindowTo = c.WindowTo, QuietDates = string.Join(' ', c.QuietDateList),
        };
    }

    private static string[]? NullIfEmpty(string[] values) => values.Length == 0 ? null : values;

    private string[] Ordered(string[] channels) =>
        [.. channels.Select((channel, index) => (channel, index))
            .OrderBy(c => ChannelOrder.GetValueOrDefault(c.channel) ?? int.MaxValue).ThenBy(c => c.index)
            .Select(c => c.channel)];
}

/// <summary>What the campaign form page shows.</summary>
internal sealed record CampaignFormPage(
    CampaignForm Form, ModuleManifest Module, IReadOnlyList<(long Id, string Name)> Organizations, long? CampaignId, IReadOnlyList<FieldError> Errors,
    IReadOnlyList<ProjectChoice> Projects)
{
    /// <summary>The preset the audience fields are now (just applied, or as saved); null for an audience of the officer's own.</summary>
    public AudiencePreset? Preset => CampaignValidation.PresetOf(Form.ToRequest().Segment!, Module);

    /// <summary>Who the audience in the fields reaches, when a preset was just applied: the form shows its count before anything is saved.</summary>
    public AudiencePreview? Audience { get; init; }

    private static readonly Dictionary<string, (string Label, string Input)> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = ("common.name", "Name"), ["publicTitle"] = ("camp.publicTitle", "PublicTitleKy"),
        ["publicTitle.ky"] = ("camp.publicTitle", "PublicTitleKy"), ["publicTitle.ru"] = ("camp.publicTitle", "PublicTitleRu"),
        ["publicTitle.en"] = ("camp.publicTitle", "PublicTitleEn"), ["projectIds"] = ("camp.projects", "projects"), ["template"] = ("camp.template", "Template"), ["channels"] = ("camp.channels", "channels"),
        ["window.from"] = ("camp.window.from", "WindowFrom"), ["window.to"] = ("camp.window.to", "WindowTo"),
        ["quietDates"] = ("camp.quietDates", "QuietDates"), ["segment.countries"] = ("modules.countries", "Name"),
        ["segment.genders"] = ("common.gender", "Name"), ["segment.ageBands"] = ("camp.ageBands", "Name"),
        ["segment.languages"] = ("common.language", "Name"), ["segment.willing"] = ("camp.willing", "Name"),
        ["moduleId"] = ("nav.modules", "Name"), ["status"] = ("common.status", "Name"),
        ["audiencePreset"] = ("camp.presets", "presets"),
    };

    /// <summary>The interface text naming a field, for the list of errors above the form.</summary>
    public static string LabelOf(string field) => Fields.TryGetValue(field, out var f) ? f.Label : field;

    /// <summary>The id of the input a field's error links to.</summary>
    public static string InputOf(string field) => Fields.TryGetValue(field, out var f) ? f.Input : "Name";

    /// <summary>The message for one field, or null: shown beside the field it is about.</summary>
    public string? ErrorFor(string field) =>
        Errors.Any(e => e.Field == field) ? string.Join(" ", Errors.Where(e => e.Field == field).Select(e => e.Message)) : null;
}

/// <summary>What the campaign page shows; <see cref="Projects"/>: the projects it asks for, <see cref="Pledges"/>: its pledges per project.</summary>
internal sealed record CampaignPage(
    CampaignRow Campaign, ModuleManifest Module, AudiencePreview Audience, MessageCounts Counts,
    IReadOnlyList<FunnelRow> Funnel, IReadOnlyList<HourCount> Schedule, IReadOnlyList<FailureGroup> Failures, CampaignFormPage? Edit, FieldError? LaunchError,
    IReadOnlyList<ProjectChoice> Projects, IReadOnlyList<ProjectPledges> Pledges)
{
    /// <summary>The ids of the projects the campaign asks for (<see cref="Projects"/> may show more: those its pledges name).</summary>
    public IReadOnlyList<long> AskedFor { get; init; } = [];
}
