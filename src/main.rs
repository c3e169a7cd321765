fn main() {
    offboard::start();
}
