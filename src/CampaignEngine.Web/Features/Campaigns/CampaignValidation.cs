using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>A rejected field and why, for problem details and form messages.</summary>
internal sealed record FieldError(string Field, string Message)
{
    /// <summary>Several faults as problem details name them: one message per field, in the order found.</summary>
    public static IReadOnlyDictionary<string, string> ByField(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)), StringComparer.Ordinal);
}

/// <summary>Checks a campaign request against the vocabularies, the module and the user's scope.</summary>
internal static class CampaignValidation
{
    /// <summary>Every fault of the request at once: a form marks each field, the API names each one.</summary>
    public static IReadOnlyList<FieldError> Check(CampaignRequest request, ModuleRegistry modules, CurrentUser user, out ModuleManifest? module)
    {
        module = modules.Find(request.ModuleId);
        if (module is null) return [new("moduleId", $"Unknown or disabled module '{request.ModuleId}'.")];
        if (AccessScope.Of(user) is { IsRegional: true } scope && !scope.MayActFor(module))
            return [new("moduleId", $"An oblast user of {user.Region} cannot run campaigns of module '{module.Id}'.")];
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add(new("name", "A campaign needs a name."));
        else if (request.Name.Length > 200) errors.Add(new("name", "The name is longer than 200 characters."));
        if (request.PublicTitle is { } title) errors.AddRange(title.Problems());
        var template = request.Template ?? "appeal";
        if (!module.Templates.Contains(template))
            errors.Add(new("template", $"Module '{module.Id}' has no template '{template}'; it has {string.Join(", ", module.Templates)}."));
        if (request.Channels is { } channels && ChannelProblem(channels) is { } channelError) errors.Add(channelError);
        errors.AddRange(SendWindow.Problems(request.Window?.From, request.Window?.To, request.QuietDates));
        if (request.Segment is { } segment) errors.AddRange(CheckSegment(segment));
        if (PresetProblem(request, module) is { } presetError) errors.Add(presetError);
        return errors;
    }

    private static FieldError? ChannelProblem(string[] channels)
    {
        if (channels.Length == 0) return new("channels", "List at least one channel.");
        if (channels.FirstOrDefault(c => !Vocabulary.Channels.Contains(c)) is { } bad)
            return new("channels", $"Unknown channel '{bad}'; use {string.Join(", ", Vocabulary.Channels)}.");
        return channels.Distinct().Count() != channels.Length ? new("channels", "A channel is listed twice.") : null;
    }

    /// <summary>The stored form of a request that passed <see cref="Check"/>.</summary>
    public static CampaignDraft Draft(CampaignRequest request, CampaignRow? current) => new(
        request.Name!.Trim(),
        request.Template ?? current?.Template ?? "appeal",
        CampaignRow.ToJson(request.Segment ?? Segment.Everyone),
        string.Join(';', request.Channels ?? current?.ChannelList ?? Vocabulary.Channels),
        request.Window?.From ?? current?.WindowFrom ?? SendWindow.Format(SendWindow.AllDay.From),
        request.Window?.To ?? current?.WindowTo ?? SendWindow.Format(SendWindow.AllDay.To),
        string.Join(';', request.QuietDates ?? current?.QuietDateList ?? []),
        request.ProjectIds,
        request.PublicTitle);

    /// <summary>The projects a campaign of <paramref name="module"/> may ask for: its own module's, or any for a national one.</summary>
    public static FieldError? CheckProjects(long[]? projectIds, ModuleManifest module, IProjectModules projects)
    {
        if (projectIds is null) return null;
        if (projectIds.Length > 50) return new("projectIds", "A campaign asks for at most 50 projects.");
        foreach (var projectId in projectIds)
        {
            if (projects.ModuleOf(projectId) is not { } owner) return new("projectIds", $"No project {projectId}.");
            if (module.Scope != ModuleScope.National && owner != module.Id)
                return new("projectIds", $"Project {projectId} belongs to module '{owner}'; a campaign of '{module.Id}' may ask only for its own module's projects.");
        }
        return null;
    }

    private static IEnumerable<FieldError> CheckSegment(Segment s) =>
        s.Criteria.Problems("segment.").Select(problem => new FieldError(problem.Field, problem.Message));

    /// <summary>
    /// The preset a request names, checked against its module: unknown names are refused by name, and a preset beside
    /// explicit criteria is refused too (which of the two would the caller mean?), so the audience is never a guess.
    /// </summary>
    private static FieldError? PresetProblem(CampaignRequest request, ModuleManifest module)
    {
        if (request.AudiencePreset is not { } id) return null;
        if (module.Preset(id) is null)
            return new("audiencePreset", module.Presets.Count == 0
                ? $"Module '{module.Id}' has no audience presets."
                : $"Module '{module.Id}' has no audience preset '{id}'; it has {string.Join(", ", module.Presets.Select(p => p.Id))}.");
        return request.Segment is null ? null : new("audiencePreset", "Give either audiencePreset or segment, not both: the preset is the whole audience.");
    }

    /// <summary>A checked request with the audience its preset stands for in place of the preset's name.</summary>
    public static CampaignRequest WithPreset(CampaignRequest request, ModuleManifest module) =>
        module.Preset(request.AudiencePreset) is { } preset ? request with { Segment = Segment.Of(preset.Criteria), AudiencePreset = null } : request;

    /// <summary>The module's preset a segment is exactly (the campaign form and the API say so); null for any other audience.</summary>
    public static AudiencePreset? PresetOf(Segment segment, ModuleManifest module) =>
        module.Presets.FirstOrDefault(p => Effective(Segment.Of(p.Criteria), module).SameAudience(Effective(segment, module)));

    // No countries means the module's own: a preset that names none is the form that ticks exactly those.
    private static Segment Effective(Segment segment, ModuleManifest module) =>
        segment.Countries is { Length: > 0 } ? segment : segment with { Countries = [.. module.Countries] };

    /// <summary>Normalises codes so that "ae" and "AE" mean the same audience.</summary>
    public static Segment Normalise(Segment s) => Segment.Of(s.Criteria.Normalised()) with { OrganizationId = s.OrganizationId };
}
