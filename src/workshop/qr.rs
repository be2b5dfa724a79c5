//! The QR code of a join link, as an image: pupils scan the projected console with a tablet.

use bevy::asset::RenderAssetUsages;
use bevy::image::ImageSampler;
use bevy::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};
use wgpu_types::{Extent3d, TextureDimension, TextureFormat};

/// Pixels per module of the code (the image is then shown at any size, without smoothing).
const MODULE_PX: usize = 8;
/// White modules around the code, as scanners need.
const QUIET_ZONE: usize = 4;

/// The modules of the QR code of `text` (`true`: dark), row by row, with its size.
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size() as usize;
    let mut out = Vec::with_capacity(size * size);
    for y in 0..size {
        for x in 0..size {
            out.push(code.get_module(x as i32, y as i32));
        }
    }
    Some((size, out))
}

/// The QR code of `text` as an image (black on white, with its quiet zone).
pub fn image(text: &str) -> Option<Image> {
    let (size, dark) = modules(text)?;
    let side = (size + 2 * QUIET_ZONE) * MODULE_PX;
    let mut data = vec![255u8; side * side * 4];
    for y in 0..size {
        for x in 0..size {
            if !dark[y * size + x] {
                continue;
            }
            for dy in 0..MODULE_PX {
                for dx in 0..MODULE_PX {
                    let px = (QUIET_ZONE + x) * MODULE_PX + dx;
                    let py = (QUIET_ZONE + y) * MODULE_PX + dy;
                    let i = (py * side + px) * 4;
                    data[i..i + 3].copy_from_slice(&[0, 0, 0]);
                }
            }
        }
    }
    let mut image = Image::new(
        Extent3d {
            width: side as u32,
            height: side as u32,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    );
    image.sampler = ImageSampler::nearest();
    Some(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_link_makes_a_square_code_with_its_finder_patterns() {
        let (size, dark) = modules("https://example.org/fresque/?room=K7M-4QX").unwrap();
        assert!(
            size >= 21 && (size - 17) % 4 == 0,
            "a QR version's size: {size}"
        );
        // The three finder patterns' corners are dark.
        for (x, y) in [(0, 0), (size - 1, 0), (0, size - 1)] {
            assert!(dark[y * size + x], "corner {x},{y}");
        }
        let image = image("https://example.org/?room=K7M-4QX").unwrap();
        assert_eq!(image.width(), image.height());
    }
}
