using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

[Route("api/modules")]
internal sealed class ModulesApiController(ModuleRegistry modules, ModuleSettingsStore settings) : ApiControllerBase
{
    /// <summary>
    /// Every installed module: those that run, those switched off here, and those that failed to load with the file,
    /// line and reason (a failed module's manifest fields are null: it was not read).
    /// </summary>
    [HttpGet]
    public IEnumerable<object> List() => modules.Statuses().Select(status => new
    {
        id = status.Manifest?.Id,
        name = status.Manifest?.Name,
        version = status.Manifest?.Version,
        kind = ModuleCodes.Of(status.Source.Kind),
        state = ModuleCodes.Of(status.State),
        folder = status.Source.Folder,
        scope = status.Manifest?.Scope.ToString().ToLowerInvariant(),
        regions = status.Manifest?.Regions,
        countries = status.Manifest?.Countries,
        languages = status.Manifest?.Languages,
        templates = status.Manifest?.Templates,
        templateFiles = status.Source.Templates,
        sectors = status.Manifest?.Sectors,
        issuer = status.Manifest?.Issuer is { } issuer ? new
        {
            name = issuer.Name,
            signatoryTitle = issuer.SignatoryTitle,
            signatoryName = issuer.SignatoryName,
            serialPrefix = issuer.SerialPrefix,
        } : null,
        presets = status.Manifest?.Presets.Select(Preset),
        quietDates = status.Manifest?.QuietDates.Select(q => new { date = q.ToString(), everyYear = q.Year is null, reason = q.Reason }),
        // The values in force, key → value; what the settings page edits (GET /api/modules/{id}/settings has their history).
        settings = status.Manifest is { } manifest ? SettingsJson.Current(settings.Of(manifest)) : null,
        error = status.Errors.Select(Error).FirstOrDefault(),
        errors = status.Errors.Select(Error),
    });

    // The criteria as a campaign's segment names them: what the form fills in and POST /api/campaigns would take.
    private static object Preset(AudiencePreset preset) => new
    {
        id = preset.Id,
        name = preset.Name,
        segment = new
        {
            countries = preset.Criteria.Countries, genders = preset.Criteria.Genders, ageBands = preset.Criteria.AgeBands,
            languages = preset.Criteria.Languages, willing = preset.Criteria.Willing,
        },
    };

    private static object Error(ModuleLoadError error) => new { file = error.File, line = error.Line, reason = error.Reason };
}
