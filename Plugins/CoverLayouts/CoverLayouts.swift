import Support
import PluginKit
import Presets
import Covers

/// The built-in cover-layout plugins, one per category preset at least.
public enum CoverLayouts {
    public static let all: [any PipelinePlugin] = [ApparelHero(), BeautySplit(), TechPoints(), HomeScene(), FoodCloseup()]
}
