using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>A save: the version the values were based on (0 before the first save), the values to change (null: back to the default), and why.</summary>
internal sealed record SettingsInput(int? BasedOn, JsonElement? Values, string? Comment);

/// <summary>A restore: the version whose values come back (0: the defaults), the version it is based on, and why.</summary>
internal sealed record SettingsRestoreInput(int? Version, int? BasedOn, string? Comment);

[Route("api/modules/{moduleId}/settings"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class ModuleSettingsApiController(ModuleSettingsEditor editor, ModuleSettingsStore store) : ApiControllerBase
{
    public const int MaxComment = 500;

    [HttpGet]
    public IActionResult Get(string moduleId) =>
        editor.EditableModule(moduleId, Me) is { } module ? Ok(SettingsJson.Of(store.Of(module), store.History(module))) : NotYours(moduleId);

    /// <summary>Saves the values given as the next version; 409 with the versions missed when <c>basedOn</c> is not the latest.</summary>
    [HttpPut]
    public async Task<IActionResult> Put(string moduleId, [FromBody] SettingsInput input)
    {
        if (editor.EditableModule(moduleId, Me) is not { } module) return NotYours(moduleId);
        if (Basics(input.BasedOn, input.Comment) is { } refused) return refused;
        if (input.Values is not { } values) return Problems.Invalid("values", "is required: an object of setting keys and values");
        var (read, errors) = ModuleSettingsEditor.Read(module, values);
        if (errors.Count > 0) return Problems.Invalid(errors);
        return Answer(module, await editor.SaveAsync(module, input.BasedOn!.Value, read, input.Comment, Me));
    }

    /// <summary>Makes a previous version's values current again, as a new version.</summary>
    [HttpPost("restore")]
    public async Task<IActionResult> Restore(string moduleId, [FromBody] SettingsRestoreInput input)
    {
        if (editor.EditableModule(moduleId, Me) is not { } module) return NotYours(moduleId);
        if (Basics(input.BasedOn, input.Comment) is { } refused) return refused;
        if (input.Version is not { } version || version < 0) return Problems.Invalid("version", "is required: the version to restore (0 for the defaults)");
        return await editor.RestoreAsync(module, version, input.BasedOn!.Value, input.Comment, Me) is { } outcome
            ? Answer(module, outcome)
            : Problems.Invalid("version", $"the module's settings have no version {version}");
    }

    private static ObjectResult? Basics(int? basedOn, string? comment) =>
        basedOn is null or < 0 ? Problems.Invalid("basedOn", "is required: the version your values are based on (0 before the first save)")
        : comment is { Length: > MaxComment } ? Problems.Invalid("comment", $"is {comment.Length} characters long; at most {MaxComment}")
        : null;

    private IActionResult Answer(ModuleManifest module, SettingsSaveOutcome outcome) => outcome.Stale
        ? new ObjectResult(new ProblemDetails
        {
            Title = "The settings changed since the version you started from.",
            Detail = $"Version {outcome.Version} is the latest; read the changes, then save again based on it.",
            Status = StatusCodes.Status409Conflict,
            Extensions = { ["latestVersion"] = outcome.Version, ["changes"] = outcome.MissedVersions.Select(SettingsJson.Version).ToList() },
        }) { StatusCode = StatusCodes.Status409Conflict, ContentTypes = { "application/problem+json" } }
        : Ok(SettingsJson.Of(store.Of(module), store.History(module)));

    private static ObjectResult NotYours(string moduleId) => Problems.NotFound($"No module '{moduleId}' whose settings you may edit.");
}

/// <summary>Settings as the API shows them: each with its type, label, bounds, default and current value; and the history.</summary>
internal static class SettingsJson
{
    public static object Of(SettingValues values, IReadOnlyList<SettingVersion> history) => new
    {
        moduleId = values.Module.Id,
        version = values.Version,
        settings = values.All.Select(s => new
        {
            key = s.Setting.Key,
            type = SettingChecks.Code(s.Setting.Type),
            label = s.Setting.Label,
            @default = SettingChecks.ToJson(s.Setting.Default),
            min = s.Setting.Min,
            max = s.Setting.Max,
            maxLength = s.Setting.MaxLength,
            value = SettingChecks.ToJson(s.Value),
            isDefault = values.IsDefault(s.Setting.Key),
        }),
        history = history.Select(Version),
    };

    /// <summary>The current values alone, key → value (the Modules list).</summary>
    public static Dictionary<string, object> Current(SettingValues values) =>
        values.All.ToDictionary(s => s.Setting.Key, s => (object)SettingChecks.ToJson(s.Value), StringComparer.Ordinal);

    public static object Version(SettingVersion version) => new
    {
        version = version.Version,
        savedBy = version.SavedBy,
        savedAt = version.SavedAt,
        comment = version.Comment,
        restoredFrom = version.RestoredFrom,
        changes = version.Changes.Select(c => new { key = c.Key, from = c.From, to = c.To }),
    };
}
