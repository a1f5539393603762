using Microsoft.Extensions.FileProviders;

namespace RagSystem.Api.Hosting;

/// <summary>Serves the web page (<c>wwwroot/</c> beside the assembly: <c>index.html</c> at <c>/</c>, its scripts and styles).
/// It runs before the API-key check on purpose: the page holds no data, and every call it makes to <c>/v1</c> carries the
/// key the user typed, which the check then verifies as for any client.</summary>
internal static class WebPageHosting
{
    /// <summary>Adds default-file and static-file serving when the page's folder exists.</summary>
    public static WebApplication UseRagWebPage(this WebApplication app)
    {
        // Beside the assembly rather than under the content root, so `rag serve` (whose content root is the working folder)
        // finds it too: the API project copies wwwroot/ to the output of every project that references it.
        var folder = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(folder)) return app;
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
