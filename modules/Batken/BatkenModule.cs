using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.Batken;

/// <summary>Batken natives work mostly in South Korea; water and mudflow protection matter most at home.</summary>
public sealed class BatkenModule : ICampaignModule
{
    public ModuleManifest Manifest { get; } = new(
        Id: "batken",
        Name: new("Баткен", "Баткен", "Batken"),
        Regions: ["KG-B"],
        Countries: ["KR"],
        Languages: ["ky", "ru", "en"],
        Issuer: new(
            Name: new("Баткен облусунун администрациясы", "Администрация Баткенской области", "Batken Regional Administration"),
            SignatoryTitle: new("Баткен облусундагы Президенттин ыйгарым укуктуу өкүлү",
                "Полномочный представитель Президента в Баткенской области",
                "Plenipotentiary Representative of the President in the Batken Region"),
            SignatoryName: "А. Р. Мамытов",
            SerialPrefix: "BT"),
        Templates: ["appeal", "reminder", "thank-you", "certificate"],
        Sectors: ["water_and_sanitation", "emergency_preparedness", "women_and_youth_entrepreneurship"]);
}
