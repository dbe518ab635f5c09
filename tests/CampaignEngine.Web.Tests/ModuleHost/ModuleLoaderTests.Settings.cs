using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>
/// The settings and nomination rules of a manifest are checked when the module loads: a good one loads with its typed
/// defaults and rules; a bad default, a setting the host reads declared with another type, or a rule whose event, condition
/// or reason does not hold fails that module alone, with the file, the line and the reason.
/// </summary>
public sealed partial class ModuleLoaderTests
{
    private const string Sections = """
          "sectors": ["green_energy"],
          "settings": [
            { "key": "thresholdUsd", "type": "decimal", "default": 250, "min": 1, "max": 10000,
              "label": { "ky": "Босого", "ru": "Порог", "en": "Threshold" } },
            { "key": "slaWorkingDays", "type": "integer", "default": 7, "min": 1, "max": 30,
              "label": { "ky": "Мөөнөт", "ru": "Срок", "en": "Deadline" } },
            { "key": "signature", "type": "localizedText", "default": { "ky": "Чүй", "ru": "Чуй", "en": "Chui" },
              "label": { "ky": "Кол", "ru": "Подпись", "en": "Signature" } }
          ],
          "nominations": [
            { "event": "pledgeFulfilled", "condition": "fulfilledUsd >= settings.thresholdUsd and not (homeRegion = 'KG-Y')", "kind": "gratitude",
              "reason": { "ky": "{{ reason }}", "ru": "За {{ fulfilledUsd }} USD", "en": "For {{ fulfilledUsd }} USD (threshold {{ settings.thresholdUsd }})" } }
          ]
        """;

    [Fact]
    public void A_manifest_with_settings_and_rules_loads_with_typed_defaults()
    {
        Broken("Ruled", WithSections(Sections));

        var manifest = Loaded("Ruled");

        Assert.Equal(["thresholdUsd", "slaWorkingDays", "signature"], manifest.Settings.Select(s => s.Key));
        Assert.Equal((SettingType.Decimal, 250m, 1m, 10000m), (manifest.Settings[0].Type, manifest.Settings[0].Default, manifest.Settings[0].Min, manifest.Settings[0].Max));
        Assert.Equal(new Core.Reference.LocalizedText("Чүй", "Чуй", "Chui"), manifest.Settings[2].Default);
        var rule = Assert.Single(manifest.Nominations);
        Assert.Equal(("pledgeFulfilled", "gratitude"), (rule.Event, rule.Kind));
        Assert.Equal("Т. Т. Сынакова", manifest.Issuer.SignatoryName);
    }

    [Fact]
    public void A_signatory_may_be_a_setting_instead_of_the_issuers_field()
    {
        var text = WithSections(Sections.Replace("\"en\": \"Signature\" } }", """
            "en": "Signature" } },
            { "key": "signatoryName", "type": "text", "default": "А. Б. Чүйлүкова", "label": { "ky": "Кол коюучу", "ru": "Подписант", "en": "Signatory" } }
            """, StringComparison.Ordinal)).Replace("\"signatoryName\": \"Т. Т. Сынакова\",", "", StringComparison.Ordinal);
        Broken("Signatory", text);

        Assert.Equal("А. Б. Чүйлүкова", Loaded("Signatory").Issuer.SignatoryName);
    }

    [Theory]
    [InlineData("\"default\": 250", "\"default\": 0", "\"default\": 0", "settings[0].default: must be at least 1")]
    [InlineData("\"default\": 250", "\"default\": \"250\"", "\"default\": \"250\"", "settings[0].default: must be a number")]
    [InlineData("\"key\": \"slaWorkingDays\", \"type\": \"integer\"", "\"key\": \"slaWorkingDays\", \"type\": \"decimal\"", "\"key\": \"slaWorkingDays\"", "settings[1].type: the host reads 'slaWorkingDays' as whole number, so it must be declared as integer")]
    [InlineData("\"key\": \"slaWorkingDays\"", "\"key\": \"thresholdUsd\"", "\"key\": \"thresholdUsd\", \"type\": \"integer\"", "settings[1].key: 'thresholdUsd' is declared twice")]
    [InlineData("\"event\": \"pledgeFulfilled\"", "\"event\": \"pledgeForgotten\"", "\"pledgeForgotten\"", "nominations[0].event: the host raises no event 'pledgeForgotten'")]
    [InlineData("fulfilledUsd >= settings.thresholdUsd", "fulfiledUsd >= settings.thresholdUsd", "\"condition\"", "nominations[0].condition: column 1: the event has no field 'fulfiledUsd'")]
    [InlineData("fulfilledUsd >= settings.thresholdUsd", "fulfilledUsd >= settings.tresholdUsd", "\"condition\"", "nominations[0].condition: column 17: the module declares no number or text setting 'tresholdUsd'")]
    [InlineData("fulfilledUsd >= settings.thresholdUsd", "fulfilledUsd >= 'many'", "\"condition\"", "nominations[0].condition: column 14: '>=' cannot compare a number with a text")]
    [InlineData("fulfilledUsd >= settings.thresholdUsd and not (homeRegion = 'KG-Y')", "fulfilledUsd + 1", "\"condition\"", "nominations[0].condition: column 1: the condition must be true or false")]
    [InlineData("fulfilledUsd >= settings.thresholdUsd and not (homeRegion = 'KG-Y')", "fulfilledUsd >= (1", "\"condition\"", "nominations[0].condition: column 19: a ')' is missing")]
    [InlineData("fulfilledUsd >= settings.thresholdUsd", "reason.GetType() = 1", "\"condition\"", "nominations[0].condition: column 1: the event has no field 'reason'")]
    [InlineData("\"For {{ fulfilledUsd }} USD", "\"For {{ donor }} USD", "\"en\": \"For", "nominations[0].reason.en: '{{ donor }}' names nothing the rule knows")]
    public void A_bad_setting_or_rule_fails_the_module_with_its_line_and_reason(string from, string to, string lineOf, string reason)
    {
        var text = WithSections(Sections).Replace(from, to, StringComparison.Ordinal);
        Broken("Bad", text);

        var error = Assert.Single(FailureOf("Bad"));

        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(("Bad/module.json", LineOf(text, lineOf)), (error.File, error.Line));
    }

    private static string WithSections(string sections) =>
        Manifest().Replace("  \"sectors\": [\"green_energy\"]\n", sections, StringComparison.Ordinal)
            .Replace("test-chui", "test-ruled", StringComparison.Ordinal).Replace("\"TCH\"", "\"TRL\"", StringComparison.Ordinal)
            .Replace("\"regions\": [\"KG-C\"]", "\"regions\": [\"KG-T\"]", StringComparison.Ordinal); // the good module's region is taken

    private ModuleManifest Loaded(string folder)
    {
        var installed = Load().Single(m => m.Source.Folder == folder);
        Assert.True(installed.Errors.Count == 0, string.Join("; ", installed.Errors));
        return installed.Module!.Manifest;
    }
}
