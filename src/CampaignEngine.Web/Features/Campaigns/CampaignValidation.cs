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

    private static IEnumerable<FieldError> CheckSegment(Segment s)
    {
        if (s.Countries?.FirstOrDefault(c => Countries.Find(c) is null) is { } country)
            yield return new("segment.countries", $"Unknown country code '{country}' (use ISO 3166-1 alpha-2, e.g. AE).");
        if (s.Genders?.FirstOrDefault(g => !Vocabulary.Genders.Contains(g)) is { } gender)
            yield return new("segment.genders", $"Unknown gender '{gender}'; use {string.Join(", ", Vocabulary.Genders)}.");
        if (s.AgeBands?.FirstOrDefault(b => !Vocabulary.AgeBands.Contains(b) && b != "unknown") is { } band)
            yield return new("segment.ageBands", $"Unknown age band '{band}'; use {string.Join(", ", Vocabulary.AgeBands)}, unknown.");
        if (s.Languages?.FirstOrDefault(l => !Languages.IsKnown(l)) is { } language)
            yield return new("segment.languages", $"Unknown language '{language}'; use ky, ru, en.");
        if (s.Willing?.FirstOrDefault(w => !Vocabulary.Willingness.Contains(w) && w != "unknown") is { } willing)
            yield return new("segment.willing", $"Unknown willingness '{willing}'; use yes, no, unsure, unknown.");
    }

    /// <summary>Normalises codes so that "ae" and "AE" mean the same audience.</summary>
    public static Segment Normalise(Segment s) => s with
    {
        Countries = s.Countries?.Select(c => c.ToUpperInvariant()).Distinct().ToArray(),
        Genders = s.Genders?.Select(g => g.ToLowerInvariant()).Distinct().ToArray(),
        Languages = s.Languages?.Select(l => l.ToLowerInvariant()).Distinct().ToArray(),
        Willing = s.Willing?.Select(w => w.ToLowerInvariant()).Distinct().ToArray(),
        AgeBands = s.AgeBands?.Distinct().ToArray(),
    };
}
