using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.IssykKul;

/// <summary>Issyk-Kul natives cluster in the UAE, China and Belgium; lake and waste projects speak to them.</summary>
public sealed class IssykKulModule : ICampaignModule
{
    private static readonly string[] HomeRegions = ["KG-Y"];

    public ModuleManifest Manifest { get; } = new(
        Id: "issyk-kul",
        Name: new("Ысык-Көл", "Иссык-Куль", "Issyk-Kul"),
        Regions: HomeRegions,
        Countries: ["AE", "CN", "BE"],
        Languages: ["ky", "ru", "en"],
        Issuer: new(
            Name: new("Ысык-Көл облусунун администрациясы", "Администрация Иссык-Кульской области", "Issyk-Kul Regional Administration"),
            SignatoryTitle: new("Ысык-Көл облусундагы Президенттин ыйгарым укуктуу өкүлү",
                "Полномочный представитель Президента в Иссык-Кульской области",
                "Plenipotentiary Representative of the President in the Issyk-Kul Region"),
            SignatoryName: "Б. К. Асанов",
            SerialPrefix: "IK"),
        Templates: ["appeal", "reminder", "thank-you", "certificate"],
        Sectors: ["environmental_awareness", "tourism_and_services", "water_and_sanitation"]);

    // The administration reported that recognised activists "worked twice as hard": propose a letter of
    // gratitude for every fulfilled contribution worth USD 500 or more.
    public void Configure(IModuleBuilder module) =>
        module.On(Nominations.WhenFulfilledAbove(Manifest.Id, HomeRegions, usd: 500m));
}
