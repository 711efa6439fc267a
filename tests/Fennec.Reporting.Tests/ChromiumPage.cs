using System.Text.Json;
using Fennec.TestSupport;
using Microsoft.Playwright;

namespace Fennec.Reporting.Tests;

/// <summary>
/// A report opened in Debian's headless chromium through Playwright, with every request other than the file itself
/// refused, and the console errors, page errors and refused requests recorded.
/// </summary>
internal sealed class ChromiumPage : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumPage(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Console messages of type error, and uncaught exceptions.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Requests the page tried to make to anything but its own file.</summary>
    public List<string> Refused { get; } = [];

    /// <summary>Opens <paramref name="path"/> and waits until the page script has drawn every chart.</summary>
    public static async Task<ChromiumPage> OpenAsync(string path)
    {
        if (!File.Exists(Executable))
            throw new FileNotFoundException($"{Executable} is missing; install Debian's chromium (scripts/ensure-deps.sh chromium)", Executable);

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Chromium's sandbox refuses to start as root, which is how CI runs.
            Args = Environment.IsPrivilegedProcess ? ["--no-sandbox"] : [],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        // Whole stacks in page errors: minified library code is ten frames deep before it reaches the page's own.
        await page.AddInitScriptAsync("Error.stackTraceLimit = 64;");
        var session = new ChromiumPage(playwright, browser, page);

        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                session.Errors.Add("console: " + message.Text);
        };
        page.PageError += (_, error) => session.Errors.Add("page error: " + error);
        page.Dialog += (_, dialog) => session.Errors.Add("dialog: " + dialog.Message);
        await page.RouteAsync("**", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            session.Refused.Add(route.Request.Url);
            await route.AbortAsync();
        });

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.reportReady === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return session;
    }

    /// <summary>The ECharts option of the chart in the element with <paramref name="id"/>, as JSON.</summary>
    public async Task<JsonElement> ChartOptionAsync(string id)
    {
        var json = await Page.EvaluateAsync<string>(
            "id => { const c = echarts.getInstanceByDom(document.getElementById(id)); return c ? JSON.stringify(c.getOption()) : 'null'; }", id);
        return JsonDocument.Parse(json).RootElement;
    }

    /// <summary>The text content of the first element matching <paramref name="selector"/>, hidden parts included.</summary>
    public async Task<string> TextAsync(string selector) =>
        await Page.EvaluateAsync<string>("s => { const e = document.querySelector(s); return e ? e.textContent : ''; }", selector);

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
