using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>
/// The settings page of a module: the values in force beside their defaults, the form (showing what was typed when it is
/// refused), and the history with a way back to any version. <paramref name="Typed"/> reads a field as sent, null when the
/// page shows the values in force; <paramref name="Missed"/> lists the saves that came in while the form was open.
/// </summary>
internal sealed record SettingsPage(
    ModuleManifest Module, SettingValues Values, IReadOnlyList<SettingVersion> History, IReadOnlyDictionary<string, SettingProblem> Errors,
    Func<string, string?>? Typed, int? Saved, IReadOnlyList<SettingVersion> Missed)
{
    /// <summary>The text a field shows: what was typed, else the value in force (a localized one per language).</summary>
    public string Field(SettingDefinition setting, string? language = null)
    {
        var name = $"s.{setting.Key}" + (language is null ? "" : "." + language);
        if (Typed is not null) return Typed(name) ?? "";
        var value = Values[setting.Key];
        return value is Core.Reference.LocalizedText text ? text.In(language) : SettingChecks.Show(value);
    }
}

[Route("modules/{moduleId}/settings"), Authorize(Policy = Roles.Campaigners)]
internal sealed class ModuleSettingsController(ModuleSettingsEditor editor, ModuleSettingsStore store) : Controller
{
    [HttpGet("")]
    public IActionResult Show(string moduleId, int? saved) =>
        editor.EditableModule(moduleId, HttpContext.CurrentUser()) is { } module ? View("Settings", Page(module, saved: saved)) : NotFound();

    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(string moduleId, [FromForm] int basedOn, [FromForm] string? comment)
    {
        var me = HttpContext.CurrentUser();
        if (editor.EditableModule(moduleId, me) is not { } module) return NotFound();
        var (values, errors) = ModuleSettingsEditor.Read(module, name => Request.Form.TryGetValue(name, out var v) ? v.ToString() : null);
        if (errors.Count > 0) return Refused(module, StatusCodes.Status400BadRequest, errors, []);
        var outcome = await editor.SaveAsync(module, basedOn, values, Trimmed(comment), me);
        return outcome.Stale
            ? Refused(module, StatusCodes.Status409Conflict, new Dictionary<string, SettingProblem>(), outcome.MissedVersions)
            : Redirect($"/modules/{Uri.EscapeDataString(module.Id)}/settings?saved={outcome.Version}");
    }

    [HttpPost("restore"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Restore(string moduleId, [FromForm] int version, [FromForm] int basedOn)
    {
        var me = HttpContext.CurrentUser();
        if (editor.EditableModule(moduleId, me) is not { } module) return NotFound();
        var outcome = await editor.RestoreAsync(module, version, basedOn, null, me);
        if (outcome is null) return NotFound();
        if (!outcome.Stale) return Redirect($"/modules/{Uri.EscapeDataString(module.Id)}/settings?saved={outcome.Version}");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Settings", Page(module, missed: outcome.MissedVersions));
    }

    // The form as typed, with the faults beside their settings, or with the saves that came first: nothing typed is lost.
    private ViewResult Refused(ModuleManifest module, int status, IReadOnlyDictionary<string, SettingProblem> errors, IReadOnlyList<SettingVersion> missed)
    {
        Response.StatusCode = status;
        var form = Request.Form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        return View("Settings", Page(module, errors, name => form.GetValueOrDefault(name), missed: missed));
    }

    private SettingsPage Page(ModuleManifest module, IReadOnlyDictionary<string, SettingProblem>? errors = null, Func<string, string?>? typed = null,
        int? saved = null, IReadOnlyList<SettingVersion>? missed = null) =>
        new(module, store.Of(module), store.History(module), errors ?? new Dictionary<string, SettingProblem>(), typed, saved, missed ?? []);

    private static string? Trimmed(string? comment) =>
        comment?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, ModuleSettingsApiController.MaxComment)] : null;
}
